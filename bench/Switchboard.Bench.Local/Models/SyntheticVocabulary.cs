using System.Globalization;

namespace Switchboard.Bench.Local.Models;

/// <summary>
/// A SentencePiece-style (<c>tokenizer.ggml.model = llama</c>) vocabulary with no real words: <c>&lt;unk&gt;</c>,
/// <c>&lt;s&gt;</c>, <c>&lt;/s&gt;</c>, the 256 byte tokens llama.cpp's SPM tokenizer falls back to (and needs:
/// it looks up <c>&lt;0x0A&gt;</c> for the line feed), then <c>tok259</c>, <c>tok260</c>… Any text tokenises
/// (to bytes); generated text is a run of <c>tokN</c> pieces.
/// </summary>
internal static class SyntheticVocabulary
{
    public const int Unknown = 0;
    public const int Bos = 1;
    public const int Eos = 2;

    /// <summary>Control and byte tokens, which come first.</summary>
    public const int ReservedTokens = 3 + 256;

    // llama_token_type: 1 normal, 2 unknown, 3 control, 6 byte.
    private const int NormalType = 1;
    private const int UnknownType = 2;
    private const int ControlType = 3;
    private const int ByteType = 6;

    public static string[] Tokens(int size)
    {
        var tokens = new string[size];
        tokens[Unknown] = "<unk>";
        tokens[Bos] = "<s>";
        tokens[Eos] = "</s>";
        for (var b = 0; b < 256; b++)
        {
            tokens[3 + b] = string.Create(CultureInfo.InvariantCulture, $"<0x{b:X2}>");
        }

        for (var i = ReservedTokens; i < size; i++)
        {
            tokens[i] = string.Create(CultureInfo.InvariantCulture, $"tok{i}");
        }

        return tokens;
    }

    public static float[] Scores(int size)
    {
        var scores = new float[size];
        for (var i = ReservedTokens; i < size; i++)
        {
            scores[i] = -(i - ReservedTokens);
        }

        return scores;
    }

    public static int[] TokenTypes(int size)
    {
        var types = new int[size];
        types[Unknown] = UnknownType;
        types[Bos] = ControlType;
        types[Eos] = ControlType;
        Array.Fill(types, ByteType, 3, 256);
        Array.Fill(types, NormalType, ReservedTokens, size - ReservedTokens);
        return types;
    }
}
