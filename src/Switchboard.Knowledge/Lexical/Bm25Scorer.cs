using Switchboard.Knowledge.Ranking;

namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// BM25F over a <see cref="LexicalStore"/>: per field, term frequency divided by that field's length normalisation
/// and multiplied by its weight; the sum is saturated once with k1 and multiplied by Lucene's idf and the query
/// term's weight. Scores accumulate per slot in a dense array (one pass over each posting list, no hashing), and
/// the top k are picked by one scan with a heap. Stateless; the caller holds the index's read lock.
/// </summary>
internal static class Bm25Scorer
{
    public static void Accumulate(LexicalStore store, Bm25Options options, ReadOnlySpan<QueryTerm> terms, Span<double> scores)
    {
        var n = store.LiveCount;
        var (k1, b) = (options.K1, options.B);
        var (titleWeight, sectionWeight, bodyWeight) = (options.TitleWeight, options.SectionWeight, options.BodyWeight);
        // b / average, once per query: the inner loop then needs one multiply-add per field.
        var titleSlope = b / Math.Max(1.0, store.AverageTitle);
        var sectionSlope = b / Math.Max(1.0, store.AverageSection);
        var bodySlope = b / Math.Max(1.0, store.AverageBody);
        var lengths = store.Lengths;
        foreach (var term in terms)
        {
            var list = store.List(term.TermId);
            var df = list.DocumentFrequency;
            if (df == 0)
            {
                continue;
            }

            var idf = Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
            var factor = term.Weight * idf * (k1 + 1);
            foreach (var posting in list.Items)
            {
                var length = lengths[posting.Slot];
                var tf = bodyWeight * posting.Body / (1 - b + (bodySlope * length.Body));
                if ((posting.Title | posting.Section) != 0)
                {
                    tf += (titleWeight * posting.Title / (1 - b + (titleSlope * length.Title)))
                        + (sectionWeight * posting.Section / (1 - b + (sectionSlope * length.Section)));
                }

                scores[posting.Slot] += factor * tf / (k1 + tf);
            }
        }
    }

    /// <summary>
    /// The best <paramref name="k"/> live slots with a positive score that the filter admits. The filter runs only
    /// for slots that would enter the top k, so it costs little even on broad queries, and it still runs before
    /// ranking: a rejected chunk never takes a place.
    /// </summary>
    public static TopK<double> Top(LexicalStore store, ReadOnlySpan<double> scores, int k, Func<long, bool>? filter)
    {
        var top = new TopK<double>(Math.Min(k, store.LiveCount));
        var ids = store.Ids;
        var threshold = 0.0;
        for (var slot = 0; slot < scores.Length; slot++)
        {
            var score = scores[slot];
            // >= keeps ties on the threshold (a smaller id may still enter); a zero score never matched.
            if (score < threshold || score <= 0 || !top.Admits(score, ids[slot]) || !store.IsLive(slot))
            {
                continue;
            }

            if (filter is null || filter(ids[slot]))
            {
                top.Offer(score, ids[slot]);
                threshold = top.Threshold;
            }
        }

        return top;
    }
}
