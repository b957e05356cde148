namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// Builds the RM3 query from a first run's best chunks: each chunk's term distribution (L1-normalised over the
/// terms that are not too common) weighted by the chunk's score, summed, cut to the strongest terms, L1-normalised
/// and interpolated with the L1-normalised original query. Stateless; the caller holds the index's read lock.
/// </summary>
internal static class Rm3Expansion
{
    public static QueryTerm[] Expand(LexicalStore store, Rm3Options options, ReadOnlySpan<QueryTerm> original, ReadOnlySpan<(int Slot, double Score)> feedback)
    {
        var maxDf = options.MaxDocumentFrequency * store.LiveCount;
        var model = new Dictionary<int, double>();
        foreach (var (slot, score) in feedback)
        {
            var total = 0.0;
            foreach (var termId in store.TermsOf(slot))
            {
                total += Frequency(store, termId, slot, maxDf);
            }

            if (total == 0)
            {
                continue;
            }

            foreach (var termId in store.TermsOf(slot))
            {
                var tf = Frequency(store, termId, slot, maxDf);
                if (tf > 0)
                {
                    model[termId] = model.GetValueOrDefault(termId) + (score * tf / total);
                }
            }
        }

        // Ties (common: one occurrence in one chunk) are broken by the term itself, never by the term id, which
        // depends on the order chunks arrived in; so an index scores the same whatever its history.
        var expansion = model.OrderByDescending(p => p.Value).ThenBy(p => store.Term(p.Key), StringComparer.Ordinal).Take(options.FeedbackTerms).ToArray();
        var expansionTotal = expansion.Sum(p => p.Value);
        var originalTotal = 0.0;
        foreach (var term in original)
        {
            originalTotal += term.Weight;
        }

        var weights = new Dictionary<int, double>();
        var order = new List<int>();
        foreach (var term in original)
        {
            Add(weights, order, term.TermId, options.OriginalQueryWeight * term.Weight / originalTotal);
        }

        foreach (var (termId, weight) in expansion)
        {
            Add(weights, order, termId, (1 - options.OriginalQueryWeight) * weight / expansionTotal);
        }

        return [.. order.Select(termId => new QueryTerm(termId, weights[termId]))];
    }

    /// <summary>The term's count in the chunk over all fields; 0 for terms too common to add.</summary>
    private static double Frequency(LexicalStore store, int termId, int slot, double maxDf)
    {
        var list = store.List(termId);
        if (list.DocumentFrequency > maxDf || !list.TryFind(slot, out var posting))
        {
            return 0;
        }

        return posting.Title + posting.Section + posting.Body;
    }

    private static void Add(Dictionary<int, double> weights, List<int> order, int termId, double weight)
    {
        if (weights.TryGetValue(termId, out var existing))
        {
            weights[termId] = existing + weight;
            return;
        }

        weights[termId] = weight;
        order.Add(termId);
    }
}
