namespace Switchboard.Knowledge.Answers;

/// <summary>
/// A numbered source of an answer: <c>[Number]</c> in the text refers to it. <paramref name="Snippet"/> is safe HTML;
/// <paramref name="Url"/> opens the original file (at the page, for PDFs).
/// </summary>
internal sealed record Citation(
    int Number,
    string DocumentId,
    string DocumentName,
    string? Title,
    string Collection,
    string Section,
    int? PageStart,
    int? PageEnd,
    string Snippet,
    string Url,
    bool Cited);
