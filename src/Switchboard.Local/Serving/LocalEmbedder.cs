using Switchboard.Local.Inference;

namespace Switchboard.Local.Serving;

/// <summary>
/// Pooled embeddings from a local model: each input is decoded on its own in a context made for
/// embeddings (mean pooling), and the vector is L2-normalised like OpenAI's. Exact usage: the tokens
/// read. One context per model, used by one request at a time. Thread-safe.
/// </summary>
internal sealed class LocalEmbedder(LlamaModel model, int contextSize, int? threads) : IDisposable
{
    private readonly Lock _gate = new();
    private LlamaContext? _context;

    /// <summary>The vectors of <paramref name="inputs"/> and the tokens they took; a too-long input is refused, never cut.</summary>
    public (float[][] Vectors, int Tokens) Embed(IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _context ??= new LlamaContext(model, contextSize, batchSize: contextSize, maxSequences: 1, threads: threads, embeddings: true);
            var vectors = new float[inputs.Count][];
            var total = 0;
            for (var i = 0; i < inputs.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tokens = model.Tokenize(inputs[i], addSpecial: true);
                if (tokens.Length == 0)
                {
                    tokens = [model.Bos];
                }

                if (tokens.Length > _context.BatchSize)
                {
                    throw new ContextLengthExceededException(tokens.Length, _context.BatchSize);
                }

                _context.Clear();
                for (var t = 0; t < tokens.Length; t++)
                {
                    _context.Add(tokens[t], t, 0, wantLogits: true);
                }

                _context.Decode();
                vectors[i] = Normalise(_context.SequenceEmbedding(0, model.EmbeddingLength));
                total += tokens.Length;
            }

            return (vectors, total);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _context?.Dispose();
            _context = null;
        }
    }

    private static float[] Normalise(ReadOnlySpan<float> vector)
    {
        var sum = 0.0;
        foreach (var x in vector)
        {
            sum += x * x;
        }

        var result = vector.ToArray();
        if (sum > 0)
        {
            var scale = (float)(1 / Math.Sqrt(sum));
            for (var i = 0; i < result.Length; i++)
            {
                result[i] *= scale;
            }
        }

        return result;
    }
}
