using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Routing.Health;

/// <summary>
/// Sends the configured active probes (<c>"probe"</c> on a deployment) and reports their results to the
/// deployment's passive health, so a dead deployment leaves rotation before a user request finds out
/// and a recovered one comes back without waiting for traffic. One probe per deployment at a time.
/// </summary>
internal sealed partial class ActiveProbeService(GatewayConfigProvider config, Providers.ProviderAdapters providers, TimeProvider time, ILogger<ActiveProbeService> logger)
    : BackgroundService
{
    // Probes are checked at the pace of the most frequent one, and once a second when none is configured.
    private static readonly TimeSpan FastestTick = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleTick = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, (DateTimeOffset Due, Task Running)> _probes = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(IdleTick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            var snapshot = config.Current;
            var now = time.GetUtcNow();
            var tick = IdleTick;
            foreach (var route in snapshot.RoutesInOrder)
            {
                foreach (var deployment in route.Deployments)
                {
                    if (deployment.Probe is not { } probe || deployment.Provider.UnusableReason is not null)
                    {
                        continue;
                    }

                    var interval = TimeSpan.FromSeconds(probe.IntervalSeconds);
                    tick = interval < tick ? (interval < FastestTick ? FastestTick : interval) : tick;
                    var due = _probes.TryGetValue(deployment.Name, out var entry) ? entry : (Due: now, Running: Task.CompletedTask);
                    if (now < due.Due || !due.Running.IsCompleted)
                    {
                        continue;
                    }

                    _probes[deployment.Name] = (now + interval,
                        ProbeAsync(deployment, probe, snapshot.Options.Health, stoppingToken));
                }
            }

            timer.Period = tick;
        }
    }

    private async Task ProbeAsync(Deployment deployment, ProbeConfig probe, HealthOptions health, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(probe.TimeoutSeconds));
        AttemptResult result;
        try
        {
            var adapter = probe.Path is null ? providers.For(deployment.Provider) : null;
            using var request = adapter is null
                ? CreateRequest(deployment, probe)
                : await adapter.CreateRequestAsync(new Providers.AdapterRequest(deployment, UpstreamOperation.ChatCompletions, ProbeBody(deployment), false,
                    "probe"), timeout.Token).ConfigureAwait(false);
            var client = adapter?.Http ?? providers.ClientFor(deployment.Provider);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            result = status == 429 ? AttemptResult.RateLimited : status >= 500 ? AttemptResult.Failure : AttemptResult.Success;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or Providers.ProviderException)
        {
            result = AttemptResult.Failure;
        }

        deployment.State.Health.Report(result, health);
        if (result != AttemptResult.Success)
        {
            LogProbeFailed(deployment.Name, result);
        }
    }

    private static HttpRequestMessage CreateRequest(Deployment deployment, ProbeConfig probe)
    {
        var provider = deployment.Provider;
        HttpRequestMessage request;
        if (probe.Path is { } path)
        {
            request = new HttpRequestMessage(HttpMethod.Get, new Uri(provider.BaseUri, path));
        }
        else
        {
            request = new HttpRequestMessage(HttpMethod.Post, provider.ChatCompletionsUri)
            {
                Content = new ByteArrayContent(ProbeBody(deployment)) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
        }

        UpstreamRequestFactory.AddProviderHeaders(request.Headers, provider);
        return request;
    }

    /// <summary>The smallest real request: one token of answer to "ping" (translated by the adapter for native providers).</summary>
    private static byte[] ProbeBody(Deployment deployment) => Encoding.UTF8.GetBytes(
        $$"""{"model":{{Encoding.UTF8.GetString(deployment.UpstreamModelJson)}},"max_tokens":1,"messages":[{"role":"user","content":"ping"}]}""");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Active probe of {Deployment} failed ({Result})")]
    private partial void LogProbeFailed(string deployment, AttemptResult result);
}
