namespace Switchboard.Local.Gguf;

/// <summary>
/// Memory needed to run a model at a given context: the weights (tensor data bytes, as llama.cpp maps them), an f16
/// KV cache (K and V for every layer and position: 2 × layers × context × kv-width × 2 bytes, where kv-width is
/// head size × KV heads) and a fixed <see cref="ComputeBufferAllowance"/> for llama.cpp's compute graph. The
/// allowance is deliberately flat: the real buffer grows with vocabulary and batch size, so for large-vocabulary models
/// at big batches this is an underestimate by tens of MiB. Immutable.
/// </summary>
/// <param name="ContextLength">The context the estimate is for.</param>
/// <param name="WeightsBytes">Tensor data bytes.</param>
/// <param name="KvCacheBytes">The f16 KV cache at <paramref name="ContextLength"/>; 0 when the shape is unknown.</param>
/// <param name="ComputeBytes">The compute-buffer allowance.</param>
internal sealed record GgufMemoryEstimate(long ContextLength, long WeightsBytes, long KvCacheBytes, long ComputeBytes)
{
    /// <summary>The flat allowance for llama.cpp's compute buffers and scratch: 32 MiB.</summary>
    public const long ComputeBufferAllowance = 32L * 1024 * 1024;

    private const int F16Bytes = 2;

    public long TotalBytes => WeightsBytes + KvCacheBytes + ComputeBytes;

    /// <summary>Computes the estimate for <paramref name="model"/> at <paramref name="contextLength"/> tokens.</summary>
    public static GgufMemoryEstimate For(GgufModelInfo model, long contextLength)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegative(contextLength);
        return new GgufMemoryEstimate(contextLength, model.TensorDataBytes, KvCache(model, contextLength), ComputeBufferAllowance);
    }

    private static long KvCache(GgufModelInfo model, long contextLength)
    {
        if (model.BlockCount is not { } layers || model.HeadCountKv is not { } kvHeads)
        {
            return 0;
        }

        var headSize = model.HeadCount is > 0 && model.EmbeddingLength is { } embedding ? embedding / model.HeadCount.Value : 0;
        var keyWidth = (model.KeyLength ?? headSize) * kvHeads;
        var valueWidth = (model.ValueLength ?? headSize) * kvHeads;
        return checked(layers * contextLength * (keyWidth + valueWidth) * F16Bytes);
    }
}
