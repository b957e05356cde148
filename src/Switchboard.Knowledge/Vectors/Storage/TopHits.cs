namespace Switchboard.Knowledge.Vectors.Storage;

/// <summary>
/// The best <c>k</c> (score, id) pairs seen so far, as a binary min-heap (the worst kept hit on top), so a scan
/// costs O(n + hits · log k) and most rows are rejected by one comparison with <see cref="Threshold"/>.
/// Equal scores rank the smaller id first, so results are deterministic. One per search; not thread-safe.
/// </summary>
internal sealed class TopHits
{
    private readonly float[] _scores;
    private readonly long[] _ids;
    private int _count;

    public TopHits(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _scores = new float[capacity];
        _ids = new long[capacity];
    }

    public int Count => _count;

    /// <summary>A score below this cannot enter; −∞ while there is room.</summary>
    public float Threshold => _count == _scores.Length && _count > 0 ? _scores[0] : float.NegativeInfinity;

    public void Offer(float score, long id)
    {
        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _ids[_count] = id;
            SiftUp(_count++);
        }
        else if (_count > 0 && Worse(_scores[0], _ids[0], score, id))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>Empties the heap into an array, best first.</summary>
    public VectorHit[] Drain()
    {
        var hits = new VectorHit[_count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            hits[i] = new VectorHit(_ids[0], _scores[0]);
            _count--;
            if (_count > 0)
            {
                _scores[0] = _scores[_count];
                _ids[0] = _ids[_count];
                SiftDown(0);
            }
        }

        return hits;
    }

    /// <summary>Whether (a) ranks below (b): a lower score, or an equal score and a larger id.</summary>
    private static bool Worse(float scoreA, long idA, float scoreB, long idB) =>
        scoreA < scoreB || (scoreA == scoreB && idA > idB);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Worse(_scores[i], _ids[i], _scores[parent], _ids[parent]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left + 1 < _count && Worse(_scores[left + 1], _ids[left + 1], _scores[left], _ids[left]) ? left + 1 : left;
            if (!Worse(_scores[worst], _ids[worst], _scores[i], _ids[i]))
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
    }
}
