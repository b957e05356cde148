namespace Switchboard.Knowledge.Documents;

/// <summary>
/// A document as a reader produced it: a title (from metadata, the first heading, or the file name) and its blocks
/// in reading order. Immutable; the chunker's character offsets refer to <see cref="FullText"/>.
/// </summary>
internal sealed record ParsedDocument(string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>The separator placed between blocks in <see cref="FullText"/>.</summary>
    public const string BlockSeparator = "\n\n";

    /// <summary>Reader-specific facts worth showing (author, sheet names, e-mail sender…).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Every block's text joined by <see cref="BlockSeparator"/>: the text chunk offsets point into.</summary>
    public string FullText => field ??= string.Join(BlockSeparator, Blocks.Select(b => b.Text));
}
