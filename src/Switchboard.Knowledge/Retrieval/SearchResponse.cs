namespace Switchboard.Knowledge.Retrieval;

/// <summary>The ranked passages and the mode that produced them.</summary>
internal sealed record SearchResponse(string Mode, IReadOnlyList<SearchResult> Results, bool Reranked = false);
