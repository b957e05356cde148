namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// One retrievable piece of a document: its text, the heading path it sits under, the pages it spans, and its
/// [<paramref name="CharStart"/>, <paramref name="CharEnd"/>) range in <see cref="Documents.ParsedDocument.FullText"/>.
/// </summary>
internal sealed record DocumentChunk(
    int Index,
    string Text,
    IReadOnlyList<string> SectionPath,
    int? PageStart,
    int? PageEnd,
    int CharStart,
    int CharEnd,
    int Tokens);
