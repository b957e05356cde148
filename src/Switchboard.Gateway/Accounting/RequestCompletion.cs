using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Limits;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Pricing;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// The one place a finished request is accounted for, by the front door (<c>/v1</c>) and by in-process calls
/// alike: metrics, the cost of every model call it made, settlement of its rate-limit lease and budget
/// reservation with what it really used (a stream cut or cancelled before its usage arrived is charged the
/// prompt estimate plus one token per event sent; a request that failed before any output is charged
/// nothing), and its row in the usage ledger. Never blocks: settlements against a remote store finish in the
/// background and are awaited at shutdown (<see cref="DrainAsync"/>). Thread-safe.
/// </summary>
internal sealed partial class RequestCompletion(IRateLimiter limiter, IBudgetStore budgets, IUsageSink sink,
    GatewayMetrics metrics, GatewayConfigProvider config, TimeProvider time, ILogger<RequestCompletion> logger)
{
    private readonly Lock _drainLock = new();
    private int _pending;
    private TaskCompletionSource? _drained;

    public void Complete(RequestOutcome outcome, long nowTimestamp)
    {
        metrics.RecordRequest(outcome, nowTimestamp);
        var snapshot = config.Current;
        var usage = UsageTotals.Of(outcome);
        var currency = CurrencyOf(outcome, snapshot.Prices);
        var cost = usage.CostIn(currency, snapshot.Currencies);
        if (cost is > 0)
        {
            metrics.RecordCost(outcome.Alias, outcome.Deployment, currency, cost.Value);
        }

        var now = time.GetUtcNow();
        if (outcome.Admission is { } ticket)
        {
            Settle(ticket, usage, now, snapshot.Currencies);
        }

        if (outcome.Caller is { } caller && snapshot.Usage.Enabled)
        {
            sink.Record(new UsageEntry
            {
                Id = Guid.CreateVersion7(now),
                RequestId = outcome.RequestId,
                OccurredAt = now,
                TenantId = caller.TenantId,
                TeamId = caller.TeamId,
                UserId = caller.UserId,
                KeyId = caller.KeyId,
                Operation = outcome.Operation,
                Alias = outcome.Alias,
                Deployment = outcome.Deployment,
                Provider = outcome.ProviderName,
                Stream = outcome.Stream,
                Status = outcome.Status,
                ErrorType = outcome.ErrorType,
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens,
                CachedTokens = usage.CachedTokens,
                ReasoningTokens = usage.ReasoningTokens,
                Cost = cost,
                Currency = currency,
                UsageEstimated = usage.Estimated,
                LatencyMs = Stopwatch.GetElapsedTime(outcome.StartTimestamp, nowTimestamp).TotalMilliseconds,
                TtftMs = outcome.Stream && outcome.FirstByteTimestamp != 0
                    ? Stopwatch.GetElapsedTime(outcome.StartTimestamp, outcome.FirstByteTimestamp).TotalMilliseconds
                    : null,
                Source = outcome.Source,
            });
        }
    }

    /// <summary>Completes when every settlement started so far has reached its store (shutdown calls this).</summary>
    public Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_drainLock)
        {
            if (_pending == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The caller's tenant currency, else <c>prices.defaultCurrency</c>.</summary>
    private static string CurrencyOf(RequestOutcome outcome, PricesConfig prices) => outcome.Caller?.Currency ?? prices.DefaultCurrency;

    private void Settle(AdmissionTicket ticket, UsageTotals usage, DateTimeOffset now, CurrencyConverter rates)
    {
        if (ticket.Lease is { } lease)
        {
            Track(limiter.ReleaseAsync(lease, usage.Tokens, now, CancellationToken.None), lease.Request.LeaseId);
        }

        if (ticket.Reservation is { } reservation)
        {
            var actual = new long[reservation.Lines.Length];
            for (var i = 0; i < actual.Length; i++)
            {
                var line = reservation.Lines[i];
                // A cost that cannot be converted keeps the reservation's amount: never charge less than was estimated.
                actual[i] = usage.CostIn(line.Rule.Currency, rates) is { } cost ? Money.ToMicros(cost) : line.Amount;
            }

            Track(budgets.SettleAsync(reservation, actual, now, CancellationToken.None), reservation.Id);
        }
    }

    private void Track(ValueTask settlement, string id)
    {
        if (settlement.IsCompletedSuccessfully)
        {
            return;
        }

        lock (_drainLock)
        {
            _pending++;
        }

        _ = ObserveAsync(settlement, id);
    }

    private async Task ObserveAsync(ValueTask settlement, string id)
    {
        try
        {
            await settlement.ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed settlement is logged; Redis expires what it could not release.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogSettlementFailed(id, ex);
        }
        finally
        {
            lock (_drainLock)
            {
                if (--_pending == 0 && _drained is { } drained)
                {
                    _drained = null;
                    drained.TrySetResult();
                }
            }
        }
    }

    [LoggerMessage(EventId = 122, Level = LogLevel.Error,
        Message = "Could not settle the limits or budget of {Id}; the store keeps the reservation until it expires (limits.leaseSeconds)")]
    private partial void LogSettlementFailed(string id, Exception exception);
}
