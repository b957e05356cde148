namespace Switchboard.Knowledge.Evaluation;

/// <summary>
/// A BEIR dataset split held in memory: the corpus, the queries that have judgements in the split, and the
/// judgements (query id → document id → graded relevance; 0 means judged not relevant).
/// </summary>
internal sealed record BeirDataset(
    IReadOnlyList<BeirDocument> Corpus,
    IReadOnlyDictionary<string, string> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels);
