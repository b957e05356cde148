using System.Buffers;

namespace Switchboard.Gateway.Routing;

/// <summary>
/// The deployments one request will try, in order, in an array rented from the shared pool so that
/// routing allocates nothing per request. Owned by the request; dispose it when done. Not thread-safe.
/// </summary>
internal struct AttemptOrder : IDisposable
{
    private Deployment[]? _array;

    public AttemptOrder(int capacity)
    {
        _array = capacity == 0 ? [] : ArrayPool<Deployment>.Shared.Rent(capacity);
        Count = 0;
    }

    public int Count { get; private set; }

    public readonly Deployment this[int index] => (uint)index < (uint)Count ? _array![index] : throw new ArgumentOutOfRangeException(nameof(index));

    public readonly Span<Deployment> Span => _array.AsSpan(0, Count);

    public void Add(Deployment deployment) => _array![Count++] = deployment;

    /// <summary>Keeps the first <paramref name="count"/> entries.</summary>
    public void Truncate(int count) => Count = Math.Min(Count, count);

    public readonly Deployment[] ToArray() => Span.ToArray();

    public void Dispose()
    {
        if (_array is { Length: > 0 } array)
        {
            array.AsSpan(0, Count).Clear();
            ArrayPool<Deployment>.Shared.Return(array);
        }

        _array = null;
        Count = 0;
    }
}
