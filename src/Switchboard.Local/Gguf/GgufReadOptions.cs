namespace Switchboard.Local.Gguf;

/// <summary>Limits for <see cref="GgufReader"/>. Immutable.</summary>
internal sealed record GgufReadOptions
{
    /// <summary>The defaults: 64 array items kept per array.</summary>
    public static GgufReadOptions Default { get; } = new();

    /// <summary>How many items of each metadata array to keep (the rest are skipped, only counted).</summary>
    public int ArrayItemLimit { get; init; } = 64;

    /// <summary>The longest string accepted; longer ones are treated as corruption rather than allocated.</summary>
    public long MaxStringBytes { get; init; } = 64L * 1024 * 1024;
}
