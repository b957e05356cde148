namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// Reciprocal-rank fusion (Cormack et al. 2009): each list adds 1 / (k + rank) for an item, so agreement between
/// lexical and vector rankings matters and their incomparable raw scores do not. k = 60 as in the paper.
/// </summary>
internal static class RankFusion
{
    public const int K = 60;

    public static List<(long Id, double Score)> Fuse(params IReadOnlyList<long>[] rankings)
    {
        var scores = new Dictionary<long, double>();
        foreach (var ranking in rankings)
        {
            for (var rank = 0; rank < ranking.Count; rank++)
            {
                scores[ranking[rank]] = scores.GetValueOrDefault(ranking[rank]) + (1.0 / (K + rank + 1));
            }
        }

        return [.. scores.Select(s => (s.Key, s.Value)).OrderByDescending(s => s.Value).ThenBy(s => s.Key)];
    }
}
