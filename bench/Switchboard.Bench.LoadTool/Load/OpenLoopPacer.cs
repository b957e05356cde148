using System.Threading.Channels;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// Releases request slots at a fixed rate on a dedicated thread: slot <c>i</c> is due at
/// <c>start + i / rate</c>, and the worker that takes it measures latency from that due time. A
/// schedule that falls behind releases the overdue slots at once rather than dropping them.
/// </summary>
internal static class OpenLoopPacer
{
    public static Thread Start(ChannelWriter<long> schedule, RunClock clock, double rate, CancellationToken cancellationToken)
    {
        var interval = System.Diagnostics.Stopwatch.Frequency / rate;
        var thread = new Thread(() =>
        {
            MonotonicSleep.TightenTimerSlack();
            try
            {
                for (long i = 0; !cancellationToken.IsCancellationRequested; i++)
                {
                    var due = clock.Start + (long)(i * interval);
                    if (due >= clock.End)
                    {
                        break;
                    }

                    MonotonicSleep.Until(due);
                    schedule.TryWrite(due);
                }
            }
            finally
            {
                schedule.TryComplete();
            }
        })
        {
            IsBackground = true,
            Name = "open-loop pacer",
            Priority = ThreadPriority.AboveNormal,
        };
        thread.Start();
        return thread;
    }
}
