namespace Switchboard.Local.Gguf;

/// <summary>
/// One tensor's header entry: where its data lies and how it is stored. The data itself is never read.
/// Immutable.
/// </summary>
/// <param name="Name">The tensor name, e.g. <c>blk.0.attn_q.weight</c>.</param>
/// <param name="Dimensions">Sizes per dimension, innermost first (ggml's <c>ne</c>).</param>
/// <param name="Type">The storage type.</param>
/// <param name="Offset">Byte offset of the data from the start of the data section.</param>
internal sealed record GgufTensorInfo(string Name, IReadOnlyList<long> Dimensions, GgmlType Type, long Offset)
{
    /// <summary>The number of elements (product of the dimensions).</summary>
    public long ElementCount { get; } = Product(Dimensions);

    /// <summary>The bytes the data occupies, from the type's block layout.</summary>
    public long ByteCount => GgmlTypeTraits.ByteCount(Type, ElementCount);

    private static long Product(IReadOnlyList<long> dimensions)
    {
        long product = 1;
        foreach (var d in dimensions)
        {
            product = checked(product * d);
        }

        return product;
    }
}
