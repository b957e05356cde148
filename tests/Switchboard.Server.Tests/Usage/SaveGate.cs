using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Ledger;

namespace Switchboard.Server.Tests.Usage;

/// <summary>
/// Makes the usage database misbehave for the ledger writer, wrapped around its real row writer: hold every write until
/// opened (a database that does not answer), fail writes (a database that is down), fail after the write committed (a
/// lost acknowledgement), or slow every write down.
/// </summary>
internal sealed class SaveGate
{
    private TaskCompletionSource _open = Opened();
    private int _failuresBefore;
    private int _failuresAfter;

    public bool AlwaysFail { get; set; }

    public TimeSpan Delay { get; set; }

    public void Close() => _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Open() => _open.TrySetResult();

    public void FailNext(int writes) => _failuresBefore = writes;

    public void FailNextAfterCommit(int writes) => _failuresAfter = writes;

    /// <summary>The real writer with this gate in front of it.</summary>
    public IUsageRowWriter Wrap(IUsageRowWriter inner) => new Gated(this, inner);

    private static TaskCompletionSource Opened()
    {
        var open = new TaskCompletionSource();
        open.SetResult();
        return open;
    }

    private sealed class Gated(SaveGate gate, IUsageRowWriter inner) : IUsageRowWriter
    {
        public async Task WriteAsync(IReadOnlyList<UsageEntry> rows, bool skipStored)
        {
            await gate._open.Task;
            if (gate.AlwaysFail || Interlocked.Decrement(ref gate._failuresBefore) >= 0)
            {
                throw new InvalidOperationException("injected: the database is unreachable");
            }

            if (gate.Delay > TimeSpan.Zero)
            {
                await Task.Delay(gate.Delay);
            }

            await inner.WriteAsync(rows, skipStored);
            if (Interlocked.Decrement(ref gate._failuresAfter) >= 0)
            {
                throw new InvalidOperationException("injected: the connection broke before the commit was acknowledged");
            }
        }
    }
}
