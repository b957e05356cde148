namespace Switchboard.Knowledge.Retrieval;

/// <summary>A search as the API takes it. Null collections = every collection the caller may read; null mode = the best available; null rerank = on when a re-rank model is configured.</summary>
internal sealed record SearchRequest(
    string Query,
    IReadOnlyList<string>? Collections = null,
    IReadOnlyList<string>? Tags = null,
    IReadOnlyList<string>? DocumentIds = null,
    int K = 10,
    string? Mode = null,
    bool? Rerank = null);
