namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Limits that protect the ingesting process from hostile files: zip bombs in Office formats (decompressed bytes),
/// PDFs with absurd page counts, and text that would not fit any index sensibly.
/// </summary>
internal sealed record ReaderLimits
{
    public long MaxDecompressedBytes { get; init; } = 256L * 1024 * 1024;

    public int MaxPages { get; init; } = 5_000;

    public int MaxTextCharacters { get; init; } = 20_000_000;
}
