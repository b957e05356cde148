namespace Switchboard.Local.Inference;

/// <summary>
/// How the next token is chosen. Temperature 0 (the default) is greedy: deterministic, the same output
/// for the same prompt. Otherwise penalties, top-k, top-p, min-p and temperature are applied in that
/// order before drawing with <see cref="Seed"/> (random when null).
/// </summary>
internal sealed record SamplingOptions
{
    public float Temperature { get; init; }

    public int TopK { get; init; }

    public float TopP { get; init; } = 1;

    public float MinP { get; init; }

    public float RepeatPenalty { get; init; } = 1;

    public float FrequencyPenalty { get; init; }

    public float PresencePenalty { get; init; }

    /// <summary>How many recent tokens the penalties look at.</summary>
    public int PenaltyLastN { get; init; } = 64;

    public uint? Seed { get; init; }

    /// <summary>A GBNF grammar the output must follow (JSON mode, tool calls); null for free text.</summary>
    public string? Grammar { get; init; }

    public static SamplingOptions Greedy { get; } = new();
}
