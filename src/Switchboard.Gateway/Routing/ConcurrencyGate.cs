namespace Switchboard.Gateway.Routing;

/// <summary>
/// Caps the attempts in progress on one deployment and lets a bounded number of further requests wait,
/// first come first served, for at most a given time. Limits are passed on every call so a config
/// reload applies at once. Thread-safe.
/// </summary>
internal sealed class ConcurrencyGate
{
    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource<bool>> _waiters = new();
    private int _active;

    /// <summary>Requests waiting for a slot now.</summary>
    public int QueueLength
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>
    /// Takes a slot: at once if one is free, else after waiting in the queue. False when the queue is full
    /// or the wait ran out. Every true must be paired with <see cref="Release"/>.
    /// </summary>
    public async ValueTask<bool> TryEnterAsync(int limit, int maxQueue, TimeSpan maxWait, TimeProvider time, CancellationToken cancellationToken)
    {
        LinkedListNode<TaskCompletionSource<bool>> node;
        lock (_lock)
        {
            if (_active < limit && _waiters.Count == 0)
            {
                _active++;
                return true;
            }

            if (_waiters.Count >= maxQueue || maxWait <= TimeSpan.Zero)
            {
                return false;
            }

            node = _waiters.AddLast(new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        try
        {
            return await node.Value.Task.WaitAsync(maxWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            lock (_lock)
            {
                if (node.List is not null)
                {
                    _waiters.Remove(node);
                    if (ex is TimeoutException)
                    {
                        return false;
                    }

                    throw;
                }
            }

            // The slot was handed over just as the wait ended: give it back.
            Release();
            if (ex is OperationCanceledException)
            {
                throw;
            }

            return false;
        }
    }

    public void Release()
    {
        TaskCompletionSource<bool>? next = null;
        lock (_lock)
        {
            if (_waiters.First is { } first)
            {
                // The slot passes straight to the next waiter; _active stays the same.
                _waiters.RemoveFirst();
                next = first.Value;
            }
            else
            {
                _active--;
            }
        }

        next?.TrySetResult(true);
    }
}
