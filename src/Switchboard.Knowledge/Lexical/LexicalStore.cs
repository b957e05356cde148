namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// The inverted index behind <see cref="Bm25LexicalIndex"/>: per-term posting lists, and per chunk (a slot) its id,
/// field lengths and term list. Removal is a tombstone: the slot is marked dead and every statistic BM25 reads —
/// live count, document frequencies (through the chunk's term list), field-length totals — is corrected at once, so
/// scores equal those of an index rebuilt from the live chunks; the dead postings are skipped at ranking and
/// dropped by <see cref="CompactIfNeeded"/> once dead slots reach a quarter of all (amortised O(1) per removal).
/// Not thread-safe: the index's lock guards it.
/// </summary>
internal sealed class LexicalStore
{
    private const int MinDeadForCompaction = 1024;

    private Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private List<PostingList> _lists = [];
    private List<string> _terms = [];
    private readonly Dictionary<long, int> _slotOf = [];
    private long[] _ids = new long[16];
    private FieldLengths[] _lengths = new FieldLengths[16];
    private int[]?[] _termsOf = new int[]?[16];
    private long _titleTotal;
    private long _sectionTotal;
    private long _bodyTotal;

    public int LiveCount => _slotOf.Count;

    /// <summary>Slots in use, dead ones included: the size of a score accumulator.</summary>
    public int SlotCount { get; private set; }

    public int TermCount => _termIds.Count;

    public double AverageTitle => LiveCount == 0 ? 0 : (double)_titleTotal / LiveCount;

    public double AverageSection => LiveCount == 0 ? 0 : (double)_sectionTotal / LiveCount;

    public double AverageBody => LiveCount == 0 ? 0 : (double)_bodyTotal / LiveCount;

    public ReadOnlySpan<long> Ids => _ids.AsSpan(0, SlotCount);

    public ReadOnlySpan<FieldLengths> Lengths => _lengths.AsSpan(0, SlotCount);

    public long AllocatedBytes
    {
        get
        {
            var bytes = (long)_ids.Length * (sizeof(long) + 12 + 8);
            foreach (var list in _lists)
            {
                bytes += list.AllocatedBytes + 32;
            }

            foreach (var terms in _termsOf.AsSpan(0, SlotCount))
            {
                bytes += terms is null ? 0 : 24 + (terms.Length * sizeof(int));
            }

            return bytes;
        }
    }

    public bool IsLive(int slot) => _termsOf[slot] is not null;

    public bool Contains(long id) => _slotOf.ContainsKey(id);

    public int SlotOf(long id) => _slotOf[id];

    public bool TryGetTerm(string term, out int termId) => _termIds.TryGetValue(term, out termId);

    public PostingList List(int termId) => _lists[termId];

    public string Term(int termId) => _terms[termId];

    /// <summary>The terms of a live chunk, as term ids (what pseudo-relevance feedback reads).</summary>
    public ReadOnlySpan<int> TermsOf(int slot) => _termsOf[slot];

    /// <summary>Adds the chunk, replacing any chunk with the same id.</summary>
    public void Upsert(long id, AnalyzedChunk chunk)
    {
        Remove(id);
        var slot = SlotCount;
        if (slot == _ids.Length)
        {
            var capacity = slot * 2;
            Array.Resize(ref _ids, capacity);
            Array.Resize(ref _lengths, capacity);
            Array.Resize(ref _termsOf, capacity);
        }

        var terms = new int[chunk.Terms.Count];
        var next = 0;
        foreach (var (term, counts) in chunk.Terms)
        {
            if (!_termIds.TryGetValue(term, out var termId))
            {
                termId = _lists.Count;
                _termIds.Add(term, termId);
                _lists.Add(new PostingList());
                _terms.Add(term);
            }

            _lists[termId].Add(new Posting(slot, (ushort)Saturate(counts.Body, ushort.MaxValue), (byte)Saturate(counts.Title, byte.MaxValue), (byte)Saturate(counts.Section, byte.MaxValue)));
            terms[next++] = termId;
        }

        _ids[slot] = id;
        _lengths[slot] = chunk.Lengths;
        _termsOf[slot] = terms;
        _slotOf[id] = slot;
        SlotCount++;
        Count(chunk.Lengths, +1);
    }

    public bool Remove(long id)
    {
        if (!_slotOf.Remove(id, out var slot))
        {
            return false;
        }

        foreach (var termId in _termsOf[slot]!)
        {
            _lists[termId].DocumentFrequency--;
        }

        _termsOf[slot] = null;
        Count(_lengths[slot], -1);
        CompactIfNeeded();
        return true;
    }

    /// <summary>Drops dead postings, slots and terms once dead slots are a quarter of all slots (and at least 1,024).</summary>
    public void CompactIfNeeded()
    {
        var dead = SlotCount - LiveCount;
        if (dead < MinDeadForCompaction || dead * 4 < SlotCount)
        {
            return;
        }

        var newSlotOf = new int[SlotCount];
        var live = 0;
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if (_termsOf[slot] is null)
            {
                newSlotOf[slot] = -1;
                continue;
            }

            newSlotOf[slot] = live;
            _ids[live] = _ids[slot];
            _lengths[live] = _lengths[slot];
            _termsOf[live] = _termsOf[slot];
            _slotOf[_ids[live]] = live;
            live++;
        }

        Array.Clear(_termsOf, live, SlotCount - live);
        SlotCount = live;
        CompactTerms(newSlotOf);
    }

    /// <summary>Renumbers the postings, and drops terms no live chunk holds any more (rewriting term lists to match).</summary>
    private void CompactTerms(int[] newSlotOf)
    {
        var newTermOf = new int[_lists.Count];
        var lists = new List<PostingList>(_lists.Count);
        var names = new List<string>(_lists.Count);
        var termIds = new Dictionary<string, int>(_termIds.Count, StringComparer.Ordinal);
        foreach (var (term, termId) in _termIds)
        {
            var list = _lists[termId];
            list.Compact(newSlotOf);
            if (list.Count == 0)
            {
                newTermOf[termId] = -1;
                continue;
            }

            newTermOf[termId] = lists.Count;
            termIds.Add(term, lists.Count);
            lists.Add(list);
            names.Add(term);
        }

        for (var slot = 0; slot < SlotCount; slot++)
        {
            var terms = _termsOf[slot]!;
            for (var i = 0; i < terms.Length; i++)
            {
                terms[i] = newTermOf[terms[i]];
            }
        }

        (_lists, _termIds, _terms) = (lists, termIds, names);
    }

    private void Count(FieldLengths lengths, int sign)
    {
        _titleTotal += sign * lengths.Title;
        _sectionTotal += sign * lengths.Section;
        _bodyTotal += sign * lengths.Body;
    }

    private static int Saturate(int value, int max) => Math.Min(value, max);
}
