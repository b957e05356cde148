using System.Collections.Frozen;

namespace Switchboard.Local.Gguf;

/// <summary>
/// Names of <c>general.file_type</c> values (llama.cpp's <c>enum llama_ftype</c>): what the quantiser was asked
/// for, e.g. 15 → Q4_K_M. Distinct from the tensor types: a Q4_K_M file mixes Q4_K and Q6_K tensors.
/// </summary>
internal static class GgufFileTypes
{
    private static readonly FrozenDictionary<uint, string> Names = new Dictionary<uint, string>
    {
        [0] = "F32",
        [1] = "F16",
        [2] = "Q4_0",
        [3] = "Q4_1",
        [4] = "Q4_1_SOME_F16",
        [7] = "Q8_0",
        [8] = "Q5_0",
        [9] = "Q5_1",
        [10] = "Q2_K",
        [11] = "Q3_K_S",
        [12] = "Q3_K_M",
        [13] = "Q3_K_L",
        [14] = "Q4_K_S",
        [15] = "Q4_K_M",
        [16] = "Q5_K_S",
        [17] = "Q5_K_M",
        [18] = "Q6_K",
        [19] = "IQ2_XXS",
        [20] = "IQ2_XS",
        [21] = "Q2_K_S",
        [22] = "IQ3_XS",
        [23] = "IQ3_XXS",
        [24] = "IQ1_S",
        [25] = "IQ4_NL",
        [26] = "IQ3_S",
        [27] = "IQ3_M",
        [28] = "IQ2_S",
        [29] = "IQ2_M",
        [30] = "IQ4_XS",
        [31] = "IQ1_M",
        [32] = "BF16",
        [36] = "TQ1_0",
        [37] = "TQ2_0",
        [38] = "MXFP4_MOE",
        [1024] = "GUESSED",
    }.ToFrozenDictionary();

    /// <summary>The name of a <c>general.file_type</c> value, or <c>ftype&lt;n&gt;</c> when unknown.</summary>
    public static string Name(uint fileType) =>
        Names.TryGetValue(fileType, out var name)
            ? name
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ftype{fileType}");
}
