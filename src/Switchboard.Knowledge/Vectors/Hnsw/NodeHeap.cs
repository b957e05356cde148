namespace Switchboard.Knowledge.Vectors.Hnsw;

/// <summary>
/// A binary min-heap of (key, node) on reusable arrays: the result set (key = similarity, worst on top) and, with
/// negated keys, the candidate queue (best on top). Reused across searches by <see cref="HnswScratch"/>; not thread-safe.
/// </summary>
internal sealed class NodeHeap
{
    private float[] _keys = new float[64];
    private int[] _nodes = new int[64];

    public int Count { get; private set; }

    public float MinKey => _keys[0];

    public int MinNode => _nodes[0];

    public void Clear() => Count = 0;

    public void Push(float key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, Count * 2);
            Array.Resize(ref _nodes, Count * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }

    public (float Key, int Node) Pop()
    {
        var top = (_keys[0], _nodes[0]);
        var count = --Count;
        if (count > 0)
        {
            var key = _keys[count];
            var node = _nodes[count];
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= count)
                {
                    break;
                }

                if (child + 1 < count && _keys[child + 1] < _keys[child])
                {
                    child++;
                }

                if (_keys[child] >= key)
                {
                    break;
                }

                _keys[i] = _keys[child];
                _nodes[i] = _nodes[child];
                i = child;
            }

            _keys[i] = key;
            _nodes[i] = node;
        }

        return top;
    }
}
