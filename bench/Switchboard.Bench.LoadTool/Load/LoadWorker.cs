using System.Diagnostics;
using System.Threading.Channels;
using Switchboard.Bench.LoadTool.Histograms;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// One simulated client: sends requests one after another and records what it measured in its own
/// histograms (merged by the runner when all workers are done). Not thread-safe.
/// </summary>
internal sealed class LoadWorker(RequestSender sender, RunClock clock, bool sse)
{
    public LatencyHistogram Latency { get; } = new();

    /// <summary>Time to the first SSE event, from the same origin as <see cref="Latency"/>.</summary>
    public LatencyHistogram TimeToFirstToken { get; } = new();

    /// <summary>Open loop only: how late each request was sent after its intended time.</summary>
    public LatencyHistogram SendLag { get; } = new();

    public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    public long Succeeded { get; private set; }

    public long Events { get; private set; }

    /// <summary>When this worker's last measured request ended (0 if none).</summary>
    public long LastCompletion { get; private set; }

    /// <summary>Closed loop: the next request goes out as soon as the previous response has been read.</summary>
    public async Task RunClosedLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= clock.End)
            {
                return;
            }

            await ExchangeAsync(start, cancellationToken);
        }
    }

    /// <summary>
    /// Open loop: requests are due on the pacer's schedule whatever the server does; latency counts from
    /// the intended send time, so a stalled server cannot hide its stall (no coordinated omission).
    /// </summary>
    public async Task RunOpenLoopAsync(ChannelReader<long> schedule, CancellationToken cancellationToken)
    {
        while (await schedule.WaitToReadAsync(cancellationToken))
        {
            while (schedule.TryRead(out var intended))
            {
                var sent = Stopwatch.GetTimestamp();
                if (clock.IsMeasured(intended))
                {
                    SendLag.Record(Timestamps.ToNanoseconds(sent - intended));
                }

                await ExchangeAsync(intended, cancellationToken);
            }
        }
    }

    private async Task ExchangeAsync(long origin, CancellationToken cancellationToken)
    {
        ExchangeResult result;
        try
        {
            result = await sender.SendAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (clock.IsMeasured(origin))
            {
                CountError("cancelled_at_end");
            }

            throw;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            result = new ExchangeResult(0, 0, 0, Describe(ex));
        }

        var end = Stopwatch.GetTimestamp();
        if (!clock.IsMeasured(origin))
        {
            return;
        }

        LastCompletion = end;
        if (result.Failure is { } failure)
        {
            CountError(failure);
            return;
        }

        Succeeded++;
        Latency.Record(Timestamps.ToNanoseconds(end - origin));
        if (sse)
        {
            Events += result.Events;
            TimeToFirstToken.Record(Timestamps.ToNanoseconds(result.FirstEventTimestamp - origin));
        }
    }

    private void CountError(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException http => "transport_" + http.HttpRequestError,
        IOException => "transport_io",
        _ => "timeout",
    };
}
