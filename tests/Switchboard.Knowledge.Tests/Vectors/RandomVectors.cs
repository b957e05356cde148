namespace Switchboard.Knowledge.Tests.Vectors;

/// <summary>Seeded test vectors: uniform on the sphere, or around random cluster centres (closer to real embeddings).</summary>
internal static class RandomVectors
{
    public static float[][] Uniform(int count, int dimensions, int seed)
    {
        var random = new Random(seed);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            vectors[i] = Normalized(Gaussian(random, dimensions, 1));
        }

        return vectors;
    }

    public static float[][] Clustered(int count, int dimensions, int clusters, float spread, int seed)
    {
        var random = new Random(seed);
        var centres = Uniform(clusters, dimensions, seed + 1);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var noise = Gaussian(random, dimensions, spread / MathF.Sqrt(dimensions));
            var centre = centres[random.Next(clusters)];
            for (var d = 0; d < dimensions; d++)
            {
                noise[d] += centre[d];
            }

            vectors[i] = Normalized(noise);
        }

        return vectors;
    }

    /// <summary>The exact top k by cosine, in double precision: the reference every index is checked against.</summary>
    public static long[] ExactTopK(float[][] vectors, long[] ids, float[] query, int k, Func<long, bool>? filter = null)
    {
        var q = Normalized(query);
        return [.. Enumerable.Range(0, vectors.Length)
            .Where(i => filter is null || filter(ids[i]))
            .Select(i => (Id: ids[i], Score: Dot(q, Normalized(vectors[i]))))
            .OrderByDescending(p => p.Score).ThenBy(p => p.Id)
            .Take(k)
            .Select(p => p.Id)];
    }

    public static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }

        return sum;
    }

    public static float[] Normalized(float[] v)
    {
        var norm = Math.Sqrt(Dot(v, v));
        return [.. v.Select(x => (float)(x / norm))];
    }

    /// <summary>Share of <paramref name="expected"/> found in <paramref name="actual"/> (recall@k with k = expected's length).</summary>
    public static double Overlap(IEnumerable<long> expected, IEnumerable<long> actual)
    {
        var wanted = expected.ToHashSet();
        return wanted.Count == 0 ? 1 : (double)actual.Count(wanted.Contains) / wanted.Count;
    }

    private static float[] Gaussian(Random random, int dimensions, float sigma)
    {
        var v = new float[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            // Box–Muller.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            v[d] = sigma * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return v;
    }
}
