using System.Diagnostics;
using System.Net;
using System.Threading.Channels;
using Switchboard.Bench.LoadTool.Histograms;
using Switchboard.Bench.LoadTool.Results;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// Runs one load test: a warm-up, then the measured period, with N workers over one
/// <see cref="SocketsHttpHandler"/> limited to N connections, so the connection count is exact.
/// </summary>
internal sealed class LoadRunner(LoadOptions options, TimeProvider timeProvider)
{
    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);

        var startedAt = timeProvider.GetUtcNow();
        var start = Stopwatch.GetTimestamp();
        var measureStart = start + Timestamps.FromTimeSpan(options.Warmup);
        var clock = new RunClock(start, measureStart, measureStart + Timestamps.FromTimeSpan(options.Duration));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Warmup + options.Duration + options.Timeout);

        var workers = new LoadWorker[options.Connections];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = new LoadWorker(new RequestSender(invoker, options), clock, options.Sse);
        }

        var unsent = options.IsOpenLoop
            ? await RunOpenLoopAsync(workers, clock, options.Rate!.Value, stop.Token)
            : await RunClosedLoopAsync(workers, options.Warmup, stop.Token);
        return Summarize(workers, clock, startedAt, unsent);
    }

    private static async Task<long> RunClosedLoopAsync(LoadWorker[] workers, TimeSpan warmup, CancellationToken cancellationToken)
    {
        var tasks = new Task[workers.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = workers[i];
            // Workers start spread evenly over the warm-up: exchanges of equal length (streams) would
            // otherwise stay in lock-step, and every new one would arrive in a burst of N.
            var delay = warmup * i / workers.Length;
            tasks[i] = IgnoreCancellation(Task.Run(async () =>
            {
                await Task.Delay(delay, cancellationToken);
                await worker.RunClosedLoopAsync(cancellationToken);
            }, CancellationToken.None));
        }

        await Task.WhenAll(tasks);
        return 0;
    }

    private static async Task<long> RunOpenLoopAsync(LoadWorker[] workers, RunClock clock, double rate, CancellationToken cancellationToken)
    {
        var schedule = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true });
        var tasks = new Task[workers.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = workers[i];
            tasks[i] = Task.Run(() => IgnoreCancellation(worker.RunOpenLoopAsync(schedule.Reader, cancellationToken)), CancellationToken.None);
        }

        var pacer = OpenLoopPacer.Start(schedule.Writer, clock, rate, cancellationToken);
        await Task.WhenAll(tasks);
        pacer.Join();
        long unsent = 0;
        while (schedule.Reader.TryRead(out var intended))
        {
            if (clock.IsMeasured(intended))
            {
                unsent++;
            }
        }

        return unsent;
    }

    private static async Task IgnoreCancellation(Task run)
    {
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
            // The run's time limit (or Ctrl+C) ended it; what was measured until then stands.
        }
    }

    private LoadResult Summarize(LoadWorker[] workers, RunClock clock, DateTimeOffset startedAt, long unsent)
    {
        var latency = new LatencyHistogram();
        var ttft = new LatencyHistogram();
        var sendLag = new LatencyHistogram();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long succeeded = 0, events = 0, lastCompletion = clock.MeasureStart;
        foreach (var worker in workers)
        {
            latency.Add(worker.Latency);
            ttft.Add(worker.TimeToFirstToken);
            sendLag.Add(worker.SendLag);
            succeeded += worker.Succeeded;
            events += worker.Events;
            lastCompletion = Math.Max(lastCompletion, worker.LastCompletion);
            foreach (var (kind, count) in worker.Errors)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + count;
            }
        }

        var elapsed = Timestamps.ToSeconds(lastCompletion - clock.MeasureStart);
        long errorCount = 0;
        foreach (var count in errors.Values)
        {
            errorCount += count;
        }

        return new LoadResult
        {
            Url = options.Url.ToString(),
            Mode = options.IsOpenLoop ? "open" : "closed",
            Connections = options.Connections,
            Rate = options.Rate,
            DurationSeconds = options.Duration.TotalSeconds,
            WarmupSeconds = options.Warmup.TotalSeconds,
            Sse = options.Sse,
            StartedAtUtc = startedAt,
            ElapsedSeconds = Math.Round(elapsed, 3),
            Requests = succeeded,
            Errors = errorCount,
            ErrorKinds = errors,
            Unsent = unsent,
            RequestsPerSecond = elapsed > 0 ? Math.Round(succeeded / elapsed, 1) : 0,
            Latency = LatencySummary.From(latency),
            TimeToFirstToken = options.Sse ? LatencySummary.From(ttft) : null,
            SendLag = options.IsOpenLoop ? LatencySummary.From(sendLag) : null,
            MeanEventsPerStream = options.Sse && succeeded > 0 ? Math.Round((double)events / succeeded, 2) : null,
        };
    }
}
