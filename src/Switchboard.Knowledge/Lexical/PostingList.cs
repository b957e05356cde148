namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// One term's postings as a growable array sorted by slot (chunks only ever get a larger slot than any before them,
/// and compaction keeps the order), plus its document frequency over live chunks. Postings of removed chunks stay
/// until <see cref="Compact"/>. Not thread-safe: guarded by the index's lock.
/// </summary>
internal sealed class PostingList
{
    private Posting[] _items = new Posting[2];

    public int Count { get; private set; }

    /// <summary>Live chunks holding the term: what BM25's idf reads, correct between compactions.</summary>
    public int DocumentFrequency { get; set; }

    public ReadOnlySpan<Posting> Items => _items.AsSpan(0, Count);

    public long AllocatedBytes => (long)_items.Length * 8;

    public void Add(Posting posting)
    {
        if (Count == _items.Length)
        {
            // ×1.5 rather than ×2: with ~50k lists the slack of doubling alone would be tens of megabytes.
            Array.Resize(ref _items, Math.Max(4, Count + (Count >> 1)));
        }

        _items[Count++] = posting;
        DocumentFrequency++;
    }

    /// <summary>The posting of <paramref name="slot"/>, found by binary search; false when the term is not in it.</summary>
    public bool TryFind(int slot, out Posting posting)
    {
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = _items[middle].Slot;
            if (found == slot)
            {
                posting = _items[middle];
                return true;
            }

            (low, high) = found < slot ? (middle + 1, high) : (low, middle - 1);
        }

        posting = default;
        return false;
    }

    /// <summary>Drops postings of removed chunks (new slot −1) and renumbers the rest, keeping slot order.</summary>
    public void Compact(ReadOnlySpan<int> newSlotOf)
    {
        var kept = 0;
        for (var i = 0; i < Count; i++)
        {
            var slot = newSlotOf[_items[i].Slot];
            if (slot >= 0)
            {
                _items[kept++] = _items[i] with { Slot = slot };
            }
        }

        Count = kept;
        if (_items.Length > 2 * Math.Max(2, kept))
        {
            Array.Resize(ref _items, Math.Max(2, kept));
        }
    }
}
