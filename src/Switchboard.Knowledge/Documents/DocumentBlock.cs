namespace Switchboard.Knowledge.Documents;

/// <summary>
/// One structural unit of a read document, in reading order. <paramref name="Text"/> is plain text (tables as
/// Markdown-style rows, one per line). <paramref name="HeadingLevel"/> is 1–6 for headings and 0 otherwise;
/// <paramref name="Page"/> is the 1-based page (PDF) or slide (PPTX) the block starts on, null when the format has none.
/// </summary>
internal sealed record DocumentBlock(BlockKind Kind, string Text, int HeadingLevel = 0, int? Page = null);
