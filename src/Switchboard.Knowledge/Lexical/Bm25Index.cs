namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// An in-memory BM25F index over documents with a title and a body. Per-field term frequencies are length-normalised
/// per field, weighted, summed, then saturated once (BM25F), so a term in the title and the body is not counted as
/// two independent matches. Not thread-safe for <see cref="Add"/>; concurrent <see cref="Search"/> calls are safe
/// once adding has finished.
/// </summary>
internal sealed class Bm25Index
{
    private readonly Dictionary<string, List<Posting>> postings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> documentIndex = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];
    private readonly List<int> titleLengths = [];
    private readonly List<int> bodyLengths = [];
    private long totalTitleLength;
    private long totalBodyLength;

    public Bm25Index(Bm25Options? options = null)
    {
        Options = options ?? new Bm25Options();
        Options.Validate();
    }

    public Bm25Options Options { get; }

    public int Count => ids.Count;

    /// <summary>Adds a document; ids are unique, so adding one twice throws.</summary>
    public void Add(string id, string? title, string body)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        if (!documentIndex.TryAdd(id, ids.Count))
        {
            throw new ArgumentException($"Document '{id}' is already in the index.", nameof(id));
        }

        var document = ids.Count;
        var titleTerms = string.IsNullOrEmpty(title) ? [] : TextAnalyzer.Analyze(title);
        var bodyTerms = TextAnalyzer.Analyze(body);
        var counts = new Dictionary<string, (int Title, int Body)>(StringComparer.Ordinal);
        foreach (var term in titleTerms)
        {
            counts[term] = counts.GetValueOrDefault(term) with { Title = counts.GetValueOrDefault(term).Title + 1 };
        }

        foreach (var term in bodyTerms)
        {
            counts[term] = counts.GetValueOrDefault(term) with { Body = counts.GetValueOrDefault(term).Body + 1 };
        }

        foreach (var (term, count) in counts)
        {
            if (!postings.TryGetValue(term, out var list))
            {
                postings[term] = list = [];
            }

            list.Add(new Posting(document, count.Title, count.Body));
        }

        ids.Add(id);
        titleLengths.Add(titleTerms.Count);
        bodyLengths.Add(bodyTerms.Count);
        totalTitleLength += titleTerms.Count;
        totalBodyLength += bodyTerms.Count;
    }

    /// <summary>The <paramref name="k"/> best documents for <paramref name="query"/>, best first; ties by insertion order.</summary>
    public IReadOnlyList<SearchHit> Search(string query, int k)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (ids.Count == 0)
        {
            return [];
        }

        var scores = new double[ids.Count];
        var touched = new List<int>();
        foreach (var (term, queryFrequency) in QueryTerms(query))
        {
            if (postings.TryGetValue(term, out var list))
            {
                Accumulate(list, queryFrequency, scores, touched);
            }
        }

        return TopK(scores, touched, k);
    }

    private static Dictionary<string, int> QueryTerms(string query)
    {
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Analyze(query))
        {
            terms[term] = terms.GetValueOrDefault(term) + 1;
        }

        return terms;
    }

    private void Accumulate(List<Posting> list, int queryFrequency, double[] scores, List<int> touched)
    {
        var n = ids.Count;
        var idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
        var averageTitle = Math.Max(1.0, (double)totalTitleLength / n);
        var averageBody = Math.Max(1.0, (double)totalBodyLength / n);
        var (k1, b) = (Options.K1, Options.B);
        foreach (var posting in list)
        {
            var d = posting.Document;
            var tf = (Options.TitleWeight * posting.TitleFrequency / (1 - b + (b * titleLengths[d] / averageTitle)))
                + (Options.BodyWeight * posting.BodyFrequency / (1 - b + (b * bodyLengths[d] / averageBody)));
            var contribution = queryFrequency * idf * tf * (k1 + 1) / (k1 + tf);
            if (contribution <= 0)
            {
                continue;
            }

            if (scores[d] <= 0)
            {
                touched.Add(d);
            }

            scores[d] += contribution;
        }
    }

    private List<SearchHit> TopK(double[] scores, List<int> touched, int k)
    {
        // A min-heap of the best k so far: O(touched · log k) instead of sorting every matching document.
        var heap = new PriorityQueue<int, (double Score, int NegatedDocument)>(k + 1);
        foreach (var d in touched)
        {
            heap.Enqueue(d, (scores[d], -d));
            if (heap.Count > k)
            {
                heap.Dequeue();
            }
        }

        var hits = new SearchHit[heap.Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            var d = heap.Dequeue();
            hits[i] = new SearchHit(ids[d], scores[d]);
        }

        return [.. hits];
    }
}
