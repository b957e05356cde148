namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// One retrieved passage with where it comes from. <paramref name="Highlight"/> is safe HTML (escaped text with
/// <c>&lt;mark&gt;</c> around matched words); <paramref name="Text"/> is the raw passage for prompts.
/// <paramref name="Coverage"/> is the share of the query's terms the passage contains; <paramref name="Similarity"/> the
/// cosine similarity when vectors took part.
/// </summary>
internal sealed record SearchResult(
    long ChunkId,
    string DocumentId,
    string DocumentName,
    string? Title,
    string Collection,
    string Section,
    int? PageStart,
    int? PageEnd,
    double Score,
    double? LexicalScore,
    double? Similarity,
    double Coverage,
    string Text,
    string Highlight);
