namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// A mutable BM25F index over chunks (title, section, body), the same scoring as <see cref="Bm25Index"/> with a section
/// field. Postings are kept per term as id → field frequencies, so upsert and remove update them and the collection
/// statistics exactly (no tombstones). Thread-safe: a reader-writer lock lets searches run together and serialises
/// writes.
/// </summary>
internal sealed class Bm25LexicalIndex : ILexicalIndex, IDisposable
{
    private readonly Dictionary<string, Dictionary<long, FieldFrequencies>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<long, Entry> _entries = [];
    private readonly ReaderWriterLockSlim _lock = new();
    private long _titleTotal;
    private long _sectionTotal;
    private long _bodyTotal;

    public Bm25LexicalIndex(Bm25Options? options = null)
    {
        Options = options ?? new Bm25Options();
        Options.Validate();
    }

    public Bm25Options Options { get; }

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _entries.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    public void Upsert(long id, LexicalFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var title = string.IsNullOrEmpty(fields.Title) ? [] : TextAnalyzer.Analyze(fields.Title);
        var section = string.IsNullOrEmpty(fields.Section) ? [] : TextAnalyzer.Analyze(fields.Section);
        var body = TextAnalyzer.Analyze(fields.Body);
        var counts = new Dictionary<string, FieldFrequencies>(StringComparer.Ordinal);
        CountTerms(title, counts, static f => f with { Title = f.Title + 1 });
        CountTerms(section, counts, static f => f with { Section = f.Section + 1 });
        CountTerms(body, counts, static f => f with { Body = f.Body + 1 });
        _lock.EnterWriteLock();
        try
        {
            RemoveLocked(id);
            foreach (var (term, frequencies) in counts)
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    _postings[term] = list = [];
                }

                list[id] = frequencies;
            }

            _entries[id] = new Entry([.. counts.Keys], title.Count, section.Count, body.Count);
            _titleTotal += title.Count;
            _sectionTotal += section.Count;
            _bodyTotal += body.Count;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(long id)
    {
        _lock.EnterWriteLock();
        try
        {
            return RemoveLocked(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public IReadOnlyList<LexicalHit> Search(string query, int k, Func<long, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var terms = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Analyze(query))
        {
            terms[term] = terms.GetValueOrDefault(term) + 1;
        }

        _lock.EnterReadLock();
        try
        {
            var n = _entries.Count;
            if (n == 0)
            {
                return [];
            }

            var (k1, b) = (Options.K1, Options.B);
            var averageTitle = Math.Max(1.0, (double)_titleTotal / n);
            var averageSection = Math.Max(1.0, (double)_sectionTotal / n);
            var averageBody = Math.Max(1.0, (double)_bodyTotal / n);
            var scores = new Dictionary<long, double>();
            var allowed = new Dictionary<long, bool>();
            foreach (var (term, queryFrequency) in terms)
            {
                if (!_postings.TryGetValue(term, out var list))
                {
                    continue;
                }

                var idf = Math.Log(1 + ((n - list.Count + 0.5) / (list.Count + 0.5)));
                foreach (var (id, f) in list)
                {
                    if (filter is not null)
                    {
                        if (!allowed.TryGetValue(id, out var pass))
                        {
                            allowed[id] = pass = filter(id);
                        }

                        if (!pass)
                        {
                            continue;
                        }
                    }

                    var entry = _entries[id];
                    var tf = (Options.TitleWeight * f.Title / (1 - b + (b * entry.TitleLength / averageTitle)))
                        + (Options.SectionWeight * f.Section / (1 - b + (b * entry.SectionLength / averageSection)))
                        + (Options.BodyWeight * f.Body / (1 - b + (b * entry.BodyLength / averageBody)));
                    scores[id] = scores.GetValueOrDefault(id) + (queryFrequency * idf * tf * (k1 + 1) / (k1 + tf));
                }
            }

            var heap = new PriorityQueue<long, (double Score, long NegatedId)>(k + 1);
            foreach (var (id, score) in scores)
            {
                heap.Enqueue(id, (score, -id));
                if (heap.Count > k)
                {
                    heap.Dequeue();
                }
            }

            var hits = new LexicalHit[heap.Count];
            for (var i = hits.Length - 1; i >= 0; i--)
            {
                var id = heap.Dequeue();
                hits[i] = new LexicalHit(id, scores[id]);
            }

            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public void Dispose() => _lock.Dispose();

    private static void CountTerms(List<string> terms, Dictionary<string, FieldFrequencies> counts, Func<FieldFrequencies, FieldFrequencies> add)
    {
        foreach (var term in terms)
        {
            counts[term] = add(counts.GetValueOrDefault(term));
        }
    }

    private bool RemoveLocked(long id)
    {
        if (!_entries.Remove(id, out var entry))
        {
            return false;
        }

        foreach (var term in entry.Terms)
        {
            if (_postings.TryGetValue(term, out var list) && list.Remove(id) && list.Count == 0)
            {
                _postings.Remove(term);
            }
        }

        _titleTotal -= entry.TitleLength;
        _sectionTotal -= entry.SectionLength;
        _bodyTotal -= entry.BodyLength;
        return true;
    }

    private readonly record struct FieldFrequencies(int Title, int Section, int Body);

    private sealed record Entry(string[] Terms, int TitleLength, int SectionLength, int BodyLength);
}
