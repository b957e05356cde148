using System.Buffers;
using System.Runtime.InteropServices;

namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// A mutable in-memory BM25F index over chunks (title, section path, body), keyed by numeric chunk id. Upsert
/// replaces; removal tombstones the chunk and corrects every collection statistic at once, so scores always equal
/// those of an index built from the live chunks alone (see <see cref="LexicalStore"/>). The filter runs before
/// ranking. Optional RM3 feedback (<see cref="Bm25Options.Feedback"/>) expands the query from the first run's best
/// admitted chunks. Owns its postings. Thread-safe: one <see cref="ReaderWriterLockSlim"/> lets searches run
/// together while a write holds it alone; text analysis, the costly part of both, runs before the lock is taken.
/// </summary>
internal sealed class Bm25LexicalIndex : ILexicalIndex, IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly LexicalStore _store = new();

    public Bm25LexicalIndex(Bm25Options? options = null)
    {
        Options = options ?? new Bm25Options();
        Options.Validate();
    }

    public Bm25Options Options { get; }

    public int Count => Read(static store => store.LiveCount);

    /// <summary>Distinct terms in the dictionary (terms of removed chunks linger until compaction).</summary>
    public int TermCount => Read(static store => store.TermCount);

    /// <summary>An estimate of the bytes held by postings, chunk tables and term lists, for memory reports.</summary>
    public long AllocatedBytes => Read(static store => store.AllocatedBytes);

    public void Upsert(long id, LexicalFields fields)
    {
        var chunk = AnalyzedChunk.From(fields);
        _lock.EnterWriteLock();
        try
        {
            _store.Upsert(id, chunk);
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
            return _store.Remove(id);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Contains(long id) => Read(store => store.Contains(id));

    public IReadOnlyList<LexicalHit> Search(string query, int k, Func<long, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var term in TextAnalyzer.Analyze(query))
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, term, out _)++;
        }

        if (counts.Count == 0)
        {
            return [];
        }

        _lock.EnterReadLock();
        double[]? scores = null;
        try
        {
            var terms = Resolve(counts);
            if (terms.Length == 0)
            {
                return [];
            }

            scores = ArrayPool<double>.Shared.Rent(_store.SlotCount);
            var accumulator = scores.AsSpan(0, _store.SlotCount);
            accumulator.Clear();
            Bm25Scorer.Accumulate(_store, Options, terms, accumulator);
            if (Options.Feedback is { } feedback)
            {
                var store = _store;
                var best = Bm25Scorer.Top(_store, accumulator, feedback.FeedbackChunks, filter).Drain((id, score) => (store.SlotOf(id), score));
                if (best.Length > 0)
                {
                    var expanded = Rm3Expansion.Expand(_store, feedback, terms, best);
                    accumulator.Clear();
                    Bm25Scorer.Accumulate(_store, Options, expanded, accumulator);
                }
            }

            return Bm25Scorer.Top(_store, accumulator, k, filter).Drain(static (id, score) => new LexicalHit(id, score));
        }
        finally
        {
            _lock.ExitReadLock();
            if (scores is not null)
            {
                ArrayPool<double>.Shared.Return(scores);
            }
        }
    }

    public void Dispose() => _lock.Dispose();

    /// <summary>The query's terms that the index holds, in query order, weighted by their count in the query.</summary>
    private QueryTerm[] Resolve(Dictionary<string, int> counts)
    {
        var terms = new List<QueryTerm>(counts.Count);
        foreach (var (term, count) in counts)
        {
            if (_store.TryGetTerm(term, out var termId))
            {
                terms.Add(new QueryTerm(termId, count));
            }
        }

        return [.. terms];
    }

    private T Read<T>(Func<LexicalStore, T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read(_store);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }
}
