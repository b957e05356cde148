namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// One retrievable piece of a document: its text, the heading path it sits under, the pages it spans, and its
/// [<paramref name="CharStart"/>, <paramref name="CharEnd"/>) range in <see cref="Documents.ParsedDocument.FullText"/>.
/// </summary>
/// <remarks>
/// <paramref name="Text"/> is exactly <c>FullText[CharStart..CharEnd]</c> — the overlap taken from the previous chunk
/// included, so consecutive ranges may overlap — except for a part of a split table after the first, whose text
/// starts with the table's header row(s) and a line break that lie outside the range. <paramref name="SectionPath"/>
/// is the heading stack where the chunk's own text (after the overlap) starts; <paramref name="PageStart"/> and
/// <paramref name="PageEnd"/> are the first and last page of the blocks the range touches, null when the format has no
/// pages. <paramref name="Tokens"/> is the estimated token count of <paramref name="Text"/>.
/// </remarks>
internal sealed record DocumentChunk(
    int Index,
    string Text,
    IReadOnlyList<string> SectionPath,
    int? PageStart,
    int? PageEnd,
    int CharStart,
    int CharEnd,
    int Tokens);
