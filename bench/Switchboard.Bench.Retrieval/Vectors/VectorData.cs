namespace Switchboard.Bench.Retrieval.Vectors;

/// <summary>
/// Seeded synthetic embeddings. <c>uniform</c>: directions uniform on the sphere — every pair about equally far
/// apart, the hardest case for a graph index and unlike real embeddings. <c>clustered</c>: points around 1,000
/// random centres with noise of norm ~0.8 (same-cluster cosine ~0.6, across clusters ~0), closer to text
/// embeddings, where topics form groups.
/// </summary>
internal static class VectorData
{
    public const int Clusters = 1000;
    public const float Spread = 0.8f;

    public static float[][] Generate(string kind, int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var centres = kind == "clustered" ? Uniform(new Random(seed ^ 0x5EED), Clusters, dimensions, 1) : null;
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            if (centres is null)
            {
                vectors[i] = Normalized(Gaussian(random, dimensions, 1));
                continue;
            }

            var v = Gaussian(random, dimensions, Spread / MathF.Sqrt(dimensions));
            var centre = centres[random.Next(centres.Length)];
            for (var d = 0; d < dimensions; d++)
            {
                v[d] += centre[d];
            }

            vectors[i] = Normalized(v);
        }

        return vectors;
    }

    private static float[][] Uniform(Random random, int count, int dimensions, float sigma) =>
        [.. Enumerable.Range(0, count).Select(_ => Normalized(Gaussian(random, dimensions, sigma)))];

    private static float[] Gaussian(Random random, int dimensions, float sigma)
    {
        var v = new float[dimensions];
        for (var d = 0; d < dimensions; d += 2)
        {
            // Box–Muller, both outputs.
            var radius = sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            v[d] = (float)(radius * Math.Cos(angle));
            if (d + 1 < dimensions)
            {
                v[d + 1] = (float)(radius * Math.Sin(angle));
            }
        }

        return v;
    }

    private static float[] Normalized(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var d = 0; d < v.Length; d++)
        {
            v[d] /= norm;
        }

        return v;
    }
}
