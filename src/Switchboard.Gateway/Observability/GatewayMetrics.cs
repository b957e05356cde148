using System.Diagnostics;
using System.Diagnostics.Metrics;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Observability;

/// <summary>
/// The gateway's instruments (meter <c>Switchboard.Gateway</c>), exported by Prometheus as
/// <c>switchboard_requests_total</c>, <c>switchboard_request_duration_seconds</c>,
/// <c>switchboard_time_to_first_token_seconds</c>, <c>switchboard_tokens_total</c> and
/// <c>switchboard_errors_total</c>. Thread-safe.
/// </summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "Switchboard.Gateway";

    private static readonly double[] LatencyBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _strategyAttempts;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _budgetWarnings;
    private readonly Counter<double> _cost;

    public GatewayMetrics(IMeterFactory meterFactory, GatewayConfigProvider config)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("switchboard.deployment.health", () => ObserveDeployments(config, static (d, o) => (int)d.State.Health.GetState(o)),
            "{state}", "Deployment health: 0 healthy, 1 degraded, 2 unhealthy (circuit open or cooling down after 429)");
        meter.CreateObservableGauge("switchboard.deployment.in_flight", () => ObserveDeployments(config, static (d, _) => d.State.InFlight),
            "{request}", "Upstream attempts in progress per deployment");
        meter.CreateObservableGauge("switchboard.deployment.queue_length", () => ObserveDeployments(config, static (d, _) => d.State.Gate.QueueLength),
            "{request}", "Requests waiting for a concurrency slot per deployment");
        var advice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets };
        _requests = meter.CreateCounter<long>("switchboard.requests", "{request}", "Gateway requests by model alias, deployment and HTTP status");
        _duration = meter.CreateHistogram("switchboard.request.duration", "s", "Time from request arrival to the last byte sent", advice: advice);
        _timeToFirstToken = meter.CreateHistogram("switchboard.time_to_first_token", "s", "Time from request arrival to the first streamed content sent", advice: advice);
        _tokens = meter.CreateCounter<long>("switchboard.tokens", "{token}", "Tokens reported by upstreams, by type (input, output; cached_input and reasoning are parts of those)");
        _errors = meter.CreateCounter<long>("switchboard.errors", "{error}", "Failed requests and failed upstream attempts by error type");
        _strategyAttempts = meter.CreateCounter<long>("switchboard.strategy.attempts", "{attempt}",
            "Attempts of raced, hedged and multi-model requests by strategy and result (won, lost, failed, answered)");
        _refusals = meter.CreateCounter<long>("switchboard.limit.refusals", "{request}",
            "Requests refused by a rate limit or budget, by limit (e.g. key:requests_per_minute, team:daily_budget)");
        _budgetWarnings = meter.CreateCounter<long>("switchboard.budget.warnings", "{event}", "Budgets that crossed their soft limit, by scope and period");
        _cost = meter.CreateCounter<double>("switchboard.cost", "{currency_unit}", "Cost of requests by model alias, deployment and currency");
    }

    public void RecordRefusal(string limit) => _refusals.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void RecordBudgetWarning(string budget) => _budgetWarnings.Add(1, new KeyValuePair<string, object?>("budget", budget));

    public void RecordCost(string? alias, string? deployment, string currency, decimal cost) =>
        _cost.Add((double)cost, new TagList { { "alias", alias ?? "" }, { "deployment", deployment ?? "" }, { "currency", currency } });

    public void RecordStrategyAttempt(string alias, string strategy, string deployment, string result) =>
        _strategyAttempts.Add(1, new TagList { { "alias", alias }, { "strategy", strategy }, { "deployment", deployment }, { "result", result } });

    public void RecordRequest(RequestOutcome outcome, long now)
    {
        var alias = outcome.Alias ?? "";
        var deployment = outcome.Deployment ?? "";
        var tags = new TagList { { "alias", alias }, { "deployment", deployment }, { "status", StatusText(outcome.Status) } };
        _requests.Add(1, tags);
        var timing = new TagList { { "alias", alias }, { "deployment", deployment } };
        _duration.Record(outcome.ElapsedSeconds(now), timing);
        if (outcome.Stream && outcome.FirstByteTimestamp != 0)
        {
            _timeToFirstToken.Record(outcome.ElapsedSeconds(outcome.FirstByteTimestamp), timing);
        }

        if (outcome.Usage.InputTokens is { } input)
        {
            _tokens.Add(input, new TagList { { "alias", alias }, { "deployment", deployment }, { "type", "input" } });
        }

        if (outcome.Usage.OutputTokens is { } output)
        {
            _tokens.Add(output, new TagList { { "alias", alias }, { "deployment", deployment }, { "type", "output" } });
        }

        if (outcome.Usage.CachedTokens is { } cached)
        {
            _tokens.Add(cached, new TagList { { "alias", alias }, { "deployment", deployment }, { "type", "cached_input" } });
        }

        if (outcome.Usage.ReasoningTokens is { } reasoning)
        {
            _tokens.Add(reasoning, new TagList { { "alias", alias }, { "deployment", deployment }, { "type", "reasoning" } });
        }

        if (outcome.ErrorType is { } error)
        {
            _errors.Add(1, new TagList { { "alias", alias }, { "deployment", deployment }, { "error_type", error } });
        }
    }

    private static IEnumerable<Measurement<int>> ObserveDeployments(GatewayConfigProvider config, Func<Deployment, HealthOptions, int> value)
    {
        var snapshot = config.Current;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var route in snapshot.RoutesInOrder)
        {
            foreach (var deployment in route.Deployments)
            {
                if (seen.Add(deployment.Name))
                {
                    yield return new Measurement<int>(value(deployment, snapshot.Options.Health), new KeyValuePair<string, object?>("deployment", deployment.Name));
                }
            }
        }
    }

    /// <summary>A failed upstream attempt that was followed by failover.</summary>
    public void RecordFailedAttempt(string alias, string deployment, string errorType) =>
        _errors.Add(1, new TagList { { "alias", alias }, { "deployment", deployment }, { "error_type", errorType } });

    // Cached strings: status tags must not allocate per request.
    private static string StatusText(int status) => status switch
    {
        200 => "200",
        400 => "400",
        401 => "401",
        403 => "403",
        404 => "404",
        413 => "413",
        429 => "429",
        499 => "499",
        500 => "500",
        502 => "502",
        503 => "503",
        504 => "504",
        _ => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
