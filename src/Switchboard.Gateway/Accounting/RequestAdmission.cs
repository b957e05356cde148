using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Pricing;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// The request path's "limits and budget reservation" step, after authentication and before routing: takes a
/// place in the caller's key, team and tenant rate limits and reserves the request's estimated cost against
/// their budgets — all or nothing. Refusals are 429s naming the limit, with <c>Retry-After</c>. What is held is
/// put on the request's outcome and given back by <see cref="RequestCompletion"/> when the request ends,
/// however it ends. A caller with no limits and no budgets costs a few dictionary lookups. Thread-safe.
/// </summary>
internal sealed partial class RequestAdmission(IRateLimiter limiter, IBudgetStore budgets, IUsagePolicyProvider policies, GatewayMetrics metrics,
    TimeProvider time, ILogger<RequestAdmission> logger)
{
    public const string BudgetWarningHeader = "x-switchboard-budget-warning";

    // Budget windows whose soft limit this process has reported (logged and counted) already: once per window.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(UsageScope, string, BudgetPeriod, DateTimeOffset), bool> _warned = new();

    /// <summary>
    /// Admits the request (null; the ticket is on <paramref name="outcome"/> and budget warnings are in
    /// <paramref name="response"/>'s headers) or returns the refusal to send (its headers are set already).
    /// <paramref name="countsRequest"/> is false for model calls made inside another request: they use tokens and
    /// money but are not requests of their own.
    /// </summary>
    public async ValueTask<OpenAiError?> AdmitAsync(HttpResponse response, RequestOutcome outcome, GatewayCaller caller, GatewaySnapshot snapshot,
        CostEstimate estimate, bool countsRequest, CancellationToken cancellationToken)
    {
        var policy = policies.Current;
        var scopes = ScopesOf(caller, policy);
        var rules = RulesOf(caller, policy);
        if (scopes is null && rules is null)
        {
            return null;
        }

        var partition = caller.TenantId ?? caller.TeamId ?? caller.KeyId;
        var id = LeaseIds.Next();
        var now = time.GetUtcNow();
        RateLimitLease? lease = null;
        if (scopes is not null)
        {
            RateLimitRefusal? refusal;
            try
            {
                // Not the request's token: a remote store acts on the call even if we stop waiting, and what it grants must be
                // on the outcome to be given back.
                (lease, refusal) = await limiter.AcquireAsync(new RateLimitRequest(partition, scopes, estimate.Tokens, countsRequest, id), now,
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Unavailable(response, outcome, ex);
            }

            if (refusal is not null)
            {
                return RateLimited(response, outcome, caller, policy, refusal, estimate.Tokens);
            }
        }

        BudgetReservation? reservation = null;
        if (rules is not null)
        {
            var (lines, problem) = LinesOf(rules, estimate, snapshot.Currencies, now);
            if (problem is not null)
            {
                await ReleaseAsync(lease, now).ConfigureAwait(false);
                outcome.ErrorType = "no_exchange_rate";
                return problem;
            }

            BudgetRefusal? refusal;
            try
            {
                (reservation, refusal) = await budgets.ReserveAsync(partition, id, lines!, now, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await ReleaseAsync(lease, now).ConfigureAwait(false);
                return Unavailable(response, outcome, ex);
            }

            if (refusal is not null)
            {
                await ReleaseAsync(lease, now).ConfigureAwait(false);
                return BudgetExceeded(response, outcome, policy, refusal, now);
            }

            Warn(response, outcome, policy, reservation!);
        }

        outcome.Admission = new AdmissionTicket(lease, reservation, estimate);
        cancellationToken.ThrowIfCancellationRequested();
        return null;
    }

    /// <summary>The key's limits (its own, else stored ones), its team's and its tenant's; null when none applies.</summary>
    private static ScopedLimit[]? ScopesOf(GatewayCaller caller, UsagePolicy policy)
    {
        var key = new LimitSet(caller.RequestsPerMinute, caller.TokensPerMinute, caller.MaxConcurrent).Or(policy.LimitsOf(UsageScope.Key, caller.KeyId));
        var team = policy.LimitsOf(UsageScope.Team, caller.TeamId);
        var tenant = policy.LimitsOf(UsageScope.Tenant, caller.TenantId);
        var count = (key.IsEmpty ? 0 : 1) + (team.IsEmpty ? 0 : 1) + (tenant.IsEmpty ? 0 : 1);
        if (count == 0)
        {
            return null;
        }

        var scopes = new ScopedLimit[count];
        var i = 0;
        if (!key.IsEmpty)
        {
            scopes[i++] = new ScopedLimit(UsageScope.Key, caller.KeyId, key);
        }

        if (!team.IsEmpty)
        {
            scopes[i++] = new ScopedLimit(UsageScope.Team, caller.TeamId!, team);
        }

        if (!tenant.IsEmpty)
        {
            scopes[i] = new ScopedLimit(UsageScope.Tenant, caller.TenantId!, tenant);
        }

        return scopes;
    }

    /// <summary>The key's, team's and tenant's budgets in that order (the lock order of the stores); null when there are none.</summary>
    private static List<BudgetRule>? RulesOf(GatewayCaller caller, UsagePolicy policy)
    {
        if (policy.Budgets.Count == 0)
        {
            return null;
        }

        List<BudgetRule>? rules = null;
        foreach (var set in (ReadOnlySpan<BudgetRule[]?>)[policy.BudgetsOf(UsageScope.Key, caller.KeyId), policy.BudgetsOf(UsageScope.Team, caller.TeamId),
                     policy.BudgetsOf(UsageScope.Tenant, caller.TenantId)])
        {
            if (set is not null)
            {
                (rules ??= []).AddRange(set);
            }
        }

        return rules;
    }

    private static (BudgetLine[]? Lines, OpenAiError? Problem) LinesOf(List<BudgetRule> rules, CostEstimate estimate, CurrencyConverter rates, DateTimeOffset now)
    {
        var lines = new BudgetLine[rules.Count];
        string? lastCurrency = null;
        long lastAmount = 0;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (!string.Equals(rule.Currency, lastCurrency, StringComparison.OrdinalIgnoreCase))
            {
                if (!estimate.TryInCurrency(rule.Currency, rates, out var amount, out var unconvertible))
                {
                    return (null, AdmissionRefusals.NoExchangeRate(unconvertible!, rule.Currency));
                }

                (lastCurrency, lastAmount) = (rule.Currency, Money.ToMicros(amount));
            }

            lines[i] = new BudgetLine(rule, BudgetWindows.Start(rule.Period, now), lastAmount);
        }

        return (lines, null);
    }

    private OpenAiError RateLimited(HttpResponse response, RequestOutcome outcome, GatewayCaller caller, UsagePolicy policy, RateLimitRefusal refusal,
        long tokens)
    {
        outcome.ErrorType = "rate_limited";
        var limit = AdmissionRefusals.LimitName(refusal);
        metrics.RecordRefusal(limit);
        response.Headers[AdmissionRefusals.LimitHeader] = limit;
        if (refusal.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = AdmissionRefusals.Seconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var name = refusal.Scope == UsageScope.Key ? caller.Name : policy.NameOf(refusal.Scope, refusal.Id);
        return AdmissionRefusals.RateLimited(refusal, name, tokens);
    }

    private OpenAiError BudgetExceeded(HttpResponse response, RequestOutcome outcome, UsagePolicy policy, BudgetRefusal refusal, DateTimeOffset now)
    {
        outcome.ErrorType = "budget_exceeded";
        var rule = refusal.Line.Rule;
        var limit = AdmissionRefusals.BudgetName(rule);
        metrics.RecordRefusal(limit);
        var resetsAt = BudgetWindows.End(rule.Period, refusal.Line.WindowStart);
        response.Headers[AdmissionRefusals.LimitHeader] = limit;
        response.Headers.RetryAfter = AdmissionRefusals.Seconds(resetsAt - now).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return AdmissionRefusals.BudgetExceeded(refusal, NameOf(policy, rule, outcome), resetsAt);
    }

    private void Warn(HttpResponse response, RequestOutcome outcome, UsagePolicy policy, BudgetReservation reservation)
    {
        for (var i = 0; i < reservation.Lines.Length; i++)
        {
            var line = reservation.Lines[i];
            var after = reservation.After[i];
            if (line.Rule.SoftLimitMicros is not { } soft || after.Committed < soft)
            {
                continue;
            }

            var name = NameOf(policy, line.Rule, outcome);
            response.Headers.Append(BudgetWarningHeader, AdmissionRefusals.Warning(line.Rule, name, after));
            if (_warned.TryAdd((line.Rule.Scope, line.Rule.ScopeId, line.Rule.Period, line.WindowStart), true))
            {
                ForgetOldWarnings(line.WindowStart);
                // The header goes on every response from here on; the log line and the metric once per window.
                metrics.RecordBudgetWarning(AdmissionRefusals.BudgetName(line.Rule));
                LogSoftLimitReached(line.Rule.Describe(name), AdmissionRefusals.Amount(after.Committed), AdmissionRefusals.Amount(line.Rule.LimitMicros),
                    line.Rule.Currency, outcome.RequestId);
            }
        }
    }

    private void ForgetOldWarnings(DateTimeOffset windowStart)
    {
        if (_warned.Count > 4096)
        {
            foreach (var key in _warned.Keys.Where(k => k.Item4 < windowStart.AddDays(-40)))
            {
                _warned.TryRemove(key, out _);
            }
        }
    }

    private static string NameOf(UsagePolicy policy, BudgetRule rule, RequestOutcome outcome) =>
        rule.Scope == UsageScope.Key && outcome.Caller is { } caller ? caller.Name : policy.NameOf(rule.Scope, rule.ScopeId);

    private OpenAiError Unavailable(HttpResponse response, RequestOutcome outcome, Exception ex)
    {
        outcome.ErrorType = "limits_unavailable";
        LogStoreFailed(outcome.RequestId, ex);
        response.Headers.RetryAfter = "1";
        return AdmissionRefusals.StoreUnavailable();
    }

    private async ValueTask ReleaseAsync(RateLimitLease? lease, DateTimeOffset now)
    {
        if (lease is null)
        {
            return;
        }

        try
        {
            await limiter.ReleaseAsync(lease, 0, now, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(lease.Request.LeaseId, ex);
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning,
        Message = "{Budget} reached its soft limit: {Used} of {Limit} {Currency} spent or reserved (request {RequestId})")]
    private partial void LogSoftLimitReached(string budget, string used, string limit, string currency, string requestId);

    [LoggerMessage(EventId = 121, Level = LogLevel.Error, Message = "{RequestId}: the limits store failed; the request is refused")]
    private partial void LogStoreFailed(string requestId, Exception exception);
}
