using System.Numerics;

namespace Switchboard.Knowledge.Ranking;

/// <summary>
/// The best <c>k</c> (score, id) pairs seen so far, as a binary min-heap (the worst kept hit on top), so a scan costs
/// O(n + hits · log k) and most candidates are rejected by one comparison with <see cref="Threshold"/>. Equal scores
/// rank the smaller id first, so results never depend on storage order. One per search; not thread-safe.
/// </summary>
internal sealed class TopK<TScore>
    where TScore : struct, INumber<TScore>, IMinMaxValue<TScore>
{
    private readonly TScore[] _scores;
    private readonly long[] _ids;

    public TopK(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _scores = new TScore[capacity];
        _ids = new long[capacity];
    }

    public int Count { get; private set; }

    /// <summary>A score below this cannot enter; the type's minimum while there is room.</summary>
    public TScore Threshold => Count == _scores.Length && Count > 0 ? _scores[0] : TScore.MinValue;

    /// <summary>Whether (score, id) would enter: cheaper than <see cref="Offer"/> and lets callers defer costly checks.</summary>
    public bool Admits(TScore score, long id) =>
        Count < _scores.Length || (Count > 0 && Worse(_scores[0], _ids[0], score, id));

    public void Offer(TScore score, long id)
    {
        if (Count < _scores.Length)
        {
            _scores[Count] = score;
            _ids[Count] = id;
            SiftUp(Count++);
        }
        else if (Count > 0 && Worse(_scores[0], _ids[0], score, id))
        {
            _scores[0] = score;
            _ids[0] = id;
            SiftDown(0);
        }
    }

    /// <summary>Empties the heap into an array, best first.</summary>
    public THit[] Drain<THit>(Func<long, TScore, THit> hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var hits = new THit[Count];
        for (var i = hits.Length - 1; i >= 0; i--)
        {
            hits[i] = hit(_ids[0], _scores[0]);
            Count--;
            if (Count > 0)
            {
                _scores[0] = _scores[Count];
                _ids[0] = _ids[Count];
                SiftDown(0);
            }
        }

        return hits;
    }

    /// <summary>Whether (a) ranks below (b): a lower score, or an equal score and a larger id.</summary>
    private static bool Worse(TScore scoreA, long idA, TScore scoreB, long idB) =>
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
            if (left >= Count)
            {
                return;
            }

            var worst = left + 1 < Count && Worse(_scores[left + 1], _ids[left + 1], _scores[left], _ids[left]) ? left + 1 : left;
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
