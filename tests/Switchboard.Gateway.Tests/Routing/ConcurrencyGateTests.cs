using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class ConcurrencyGateTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Limit_HoldsAndAFullQueueIsRefused()
    {
        var gate = new ConcurrencyGate();

        Assert.True(await gate.TryEnterAsync(2, 1, Long, TimeProvider.System, default));
        Assert.True(await gate.TryEnterAsync(2, 1, Long, TimeProvider.System, default));
        var queued = gate.TryEnterAsync(2, 1, Long, TimeProvider.System, default).AsTask();
        Assert.False(queued.IsCompleted);
        Assert.Equal(1, gate.QueueLength);

        Assert.False(await gate.TryEnterAsync(2, 1, Long, TimeProvider.System, default)); // queue full

        gate.Release();
        Assert.True(await queued);
        Assert.Equal(0, gate.QueueLength);
    }

    [Fact]
    public async Task Waiters_AreServedInArrivalOrder()
    {
        var gate = new ConcurrencyGate();
        Assert.True(await gate.TryEnterAsync(1, 5, Long, TimeProvider.System, default));
        var order = new List<int>();
        var waiters = new List<Task>();
        for (var i = 0; i < 3; i++)
        {
            var id = i;
            var entered = gate.TryEnterAsync(1, 5, Long, TimeProvider.System, default).AsTask();
            waiters.Add(entered.ContinueWith(t =>
            {
                Assert.True(t.Result);
                lock (order)
                {
                    order.Add(id);
                }

                gate.Release();
            }, TaskScheduler.Default));
            Assert.Equal(i + 1, gate.QueueLength);
        }

        gate.Release();
        await Task.WhenAll(waiters);

        Assert.Equal([0, 1, 2], order);
    }

    [Fact]
    public async Task WaitThatRunsOut_IsRefusedAndLeavesTheQueue()
    {
        var gate = new ConcurrencyGate();
        Assert.True(await gate.TryEnterAsync(1, 1, Long, TimeProvider.System, default));

        Assert.False(await gate.TryEnterAsync(1, 1, TimeSpan.FromMilliseconds(50), TimeProvider.System, default));

        Assert.Equal(0, gate.QueueLength);
        gate.Release();
        Assert.True(await gate.TryEnterAsync(1, 1, Long, TimeProvider.System, default));
    }

    [Fact]
    public async Task CancelledWait_LeavesTheQueueAndThrows()
    {
        var gate = new ConcurrencyGate();
        Assert.True(await gate.TryEnterAsync(1, 1, Long, TimeProvider.System, default));
        using var cts = new CancellationTokenSource();
        var waiting = gate.TryEnterAsync(1, 1, Long, TimeProvider.System, cts.Token).AsTask();

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(0, gate.QueueLength);
    }
}
