using Switchboard.Local.Gguf;

namespace Switchboard.Bench.Local.Models;

/// <summary>One tensor of a GGUF file being written: name, storage type and ggml dimensions (<c>ne</c>, innermost first).</summary>
internal sealed record GgufTensorSpec(string Name, GgmlType Type, long[] Dimensions)
{
    public long Elements => Dimensions.Aggregate(1L, (a, b) => a * b);

    public long Bytes => GgmlTypeTraits.ByteCount(Type, Elements);
}
