namespace Switchboard.Knowledge.Evaluation;

/// <summary>Mean metrics over a split's queries plus per-query search latency, as printed by <c>switchboard eval retrieval</c>.</summary>
internal sealed record RetrievalReport(
    int Queries,
    int Documents,
    double NdcgAt10,
    double RecallAt10,
    double RecallAt100,
    double MrrAt10,
    double LatencyP50Milliseconds,
    double LatencyP95Milliseconds,
    TimeSpan IndexTime);
