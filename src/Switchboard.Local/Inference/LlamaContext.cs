using Switchboard.Local.Native;

namespace Switchboard.Local.Inference;

/// <summary>
/// A llama.cpp context over a <see cref="LlamaModel"/>: the KV cache for up to <see cref="MaxSequences"/>
/// sequences of at most <see cref="Size"/> tokens together, and a reusable batch. Not thread-safe: one
/// decoding loop owns it.
/// </summary>
internal sealed unsafe class LlamaContext : IDisposable
{
    private readonly LlamaApi _api;
    private nint _context;
    private LlamaBatch _batch;

    public LlamaContext(LlamaModel model, int size, int batchSize = 512, int maxSequences = 1, int? threads = null, bool embeddings = false)
    {
        _api = model.Api;
        Model = model;
        var parameters = _api.ContextDefaultParams();
        parameters.ContextSize = (uint)size;
        parameters.BatchSize = (uint)batchSize;
        parameters.MicroBatchSize = (uint)batchSize;
        parameters.MaxSequences = (uint)maxSequences;
        parameters.Threads = parameters.BatchThreads = threads ?? DefaultThreads(model);
        parameters.Embeddings = (byte)(embeddings ? 1 : 0);
        if (embeddings)
        {
            // Mean pooling: one vector per sequence, also for generative models that declare no pooling.
            parameters.PoolingType = 1;
        }

        parameters.NoPerf = 1;
        LlamaLibrary.ClearProblems();
        _context = _api.InitFromModel(model.Handle, parameters);
        if (_context == 0)
        {
            throw new LlamaLibraryException($"llama.cpp could not create a context of {size} tokens for '{model.Path}': {LlamaLibrary.LastProblems()}");
        }

        // llama.cpp may round the context up and clamp the batch to it: use what it settled on.
        Size = (int)_api.ContextSize(_context);
        BatchSize = (int)Math.Min(_api.ContextBatchSize(_context), (uint)batchSize);
        MaxSequences = maxSequences;
        _batch = _api.BatchInit(batchSize, 0, maxSequences);
    }

    public LlamaModel Model { get; }

    /// <summary>Tiny models lose more to thread synchronisation than they gain (and spinning ggml threads starve
    /// everything else on a small machine): one thread below 50M parameters, every core above.</summary>
    public static int DefaultThreads(LlamaModel model) => model.ParameterCount < 50_000_000 ? 1 : Math.Max(1, Environment.ProcessorCount);

    /// <summary>Tokens the KV cache holds across all sequences.</summary>
    public int Size { get; }

    public int BatchSize { get; }

    public int MaxSequences { get; }

    internal nint Handle => _context != 0 ? _context : throw new ObjectDisposedException(nameof(LlamaContext));

    /// <summary>Tokens queued for the next <see cref="Decode"/>.</summary>
    public int Pending => _batch.TokenCount;

    /// <summary>Queues one token of a sequence at a position; <paramref name="wantLogits"/> for the positions to sample from.</summary>
    public void Add(int token, int position, int sequence, bool wantLogits)
    {
        if (_batch.TokenCount >= BatchSize)
        {
            throw new InvalidOperationException("the batch is full; decode first");
        }

        var i = _batch.TokenCount++;
        _batch.Tokens[i] = token;
        _batch.Positions[i] = position;
        _batch.SequenceIdCounts[i] = 1;
        _batch.SequenceIds[i][0] = sequence;
        _batch.Logits[i] = (sbyte)(wantLogits ? 1 : 0);
    }

    /// <summary>Runs the queued tokens through the model and empties the batch; their logits (where asked) are then sampleable by batch index.</summary>
    public void Decode()
    {
        var result = _api.Decode(Handle, _batch);
        _batch.TokenCount = 0;
        if (result != 0)
        {
            throw new LlamaLibraryException(result == 1
                ? "the context is full: no room in the KV cache for the batch"
                : $"llama_decode failed ({result}): {LlamaLibrary.LastProblems()}");
        }
    }

    /// <summary>Forgets a sequence's tokens so its slot can serve another request.</summary>
    public void ClearSequence(int sequence) => _api.MemorySequenceRemove(_api.GetMemory(Handle), sequence, -1, -1);

    /// <summary>Forgets everything.</summary>
    public void Clear() => _api.MemoryClear(_api.GetMemory(Handle), 1);

    /// <summary>The pooled embedding of a sequence after a decode (contexts made with embeddings on).</summary>
    public ReadOnlySpan<float> SequenceEmbedding(int sequence, int dimensions)
    {
        var vector = _api.GetEmbeddingsSequence(Handle, sequence);
        return vector is null ? default : new ReadOnlySpan<float>(vector, dimensions);
    }

    public void Dispose()
    {
        var context = Interlocked.Exchange(ref _context, 0);
        if (context != 0)
        {
            _api.BatchFree(_batch);
            _api.Free(context);
        }
    }
}
