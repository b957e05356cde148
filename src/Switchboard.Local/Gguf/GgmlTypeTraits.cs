using System.Collections.Frozen;

namespace Switchboard.Local.Gguf;

/// <summary>
/// Block layout of each ggml tensor type: how many elements a block holds and how many bytes it takes
/// (ggml's <c>type_traits</c> table, mirrored by gguf-py's <c>GGML_QUANT_SIZES</c>). Needed to size tensor data
/// without reading it. Immutable and thread-safe.
/// </summary>
internal static class GgmlTypeTraits
{
    private const int QK = 256; // QK_K, the super-block size of the k-quants and i-quants

    private static readonly FrozenDictionary<GgmlType, (int BlockSize, int TypeSize)> Layouts =
        new Dictionary<GgmlType, (int, int)>
        {
            [GgmlType.F32] = (1, 4),
            [GgmlType.F16] = (1, 2),
            [GgmlType.Q4_0] = (32, 2 + 16),
            [GgmlType.Q4_1] = (32, 2 + 2 + 16),
            [GgmlType.Q5_0] = (32, 2 + 4 + 16),
            [GgmlType.Q5_1] = (32, 2 + 2 + 4 + 16),
            [GgmlType.Q8_0] = (32, 2 + 32),
            [GgmlType.Q8_1] = (32, 4 + 4 + 32),
            [GgmlType.Q2_K] = (QK, 2 + 2 + (QK / 16) + (QK / 4)),
            [GgmlType.Q3_K] = (QK, 2 + (QK / 4) + (QK / 8) + 12),
            [GgmlType.Q4_K] = (QK, 2 + 2 + (QK / 2) + 12),
            [GgmlType.Q5_K] = (QK, 2 + 2 + (QK / 2) + (QK / 8) + 12),
            [GgmlType.Q6_K] = (QK, 2 + (QK / 2) + (QK / 4) + (QK / 16)),
            [GgmlType.Q8_K] = (QK, 4 + QK + (QK / 8)),
            [GgmlType.IQ2_XXS] = (QK, 2 + (QK / 4)),
            [GgmlType.IQ2_XS] = (QK, 2 + (QK / 4) + (QK / 32)),
            [GgmlType.IQ3_XXS] = (QK, 2 + (QK / 4) + (QK / 8)),
            [GgmlType.IQ1_S] = (QK, 2 + (QK / 8) + (QK / 16)),
            [GgmlType.IQ4_NL] = (32, 2 + 16),
            [GgmlType.IQ3_S] = (QK, 2 + (QK / 4) + (QK / 8) + (QK / 32) + 4),
            [GgmlType.IQ2_S] = (QK, 2 + (QK / 4) + (QK / 16)),
            [GgmlType.IQ4_XS] = (QK, 2 + 2 + (QK / 2) + (QK / 64)),
            [GgmlType.I8] = (1, 1),
            [GgmlType.I16] = (1, 2),
            [GgmlType.I32] = (1, 4),
            [GgmlType.I64] = (1, 8),
            [GgmlType.F64] = (1, 8),
            [GgmlType.IQ1_M] = (QK, (QK / 8) + (QK / 16) + (QK / 32)),
            [GgmlType.BF16] = (1, 2),
            [GgmlType.TQ1_0] = (QK, 2 + (4 * 13)),
            [GgmlType.TQ2_0] = (QK, 2 + 64),
            [GgmlType.MXFP4] = (32, 1 + 16),
        }.ToFrozenDictionary();

    /// <summary>Whether <paramref name="type"/> is a type this table knows the layout of.</summary>
    public static bool IsKnown(GgmlType type) => Layouts.ContainsKey(type);

    /// <summary>Elements per block (1 for plain types such as F32).</summary>
    public static int BlockSize(GgmlType type) => Layouts[type].BlockSize;

    /// <summary>Bytes per block.</summary>
    public static int TypeSize(GgmlType type) => Layouts[type].TypeSize;

    /// <summary>Bytes that <paramref name="elements"/> elements of <paramref name="type"/> occupy (a row is a whole number of blocks).</summary>
    public static long ByteCount(GgmlType type, long elements)
    {
        var (blockSize, typeSize) = Layouts[type];
        return checked(elements / blockSize * typeSize);
    }

    /// <summary>ggml's name of the type (F32, Q4_K, IQ2_XXS), or <c>type&lt;n&gt;</c> for one this table does not know.</summary>
    public static string Name(GgmlType type) =>
        Enum.IsDefined(type) ? type.ToString() : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"type{(uint)type}");
}
