using System.Globalization;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Accounting;

/// <summary>The 429s (and store failures) of admission, in OpenAI's error shape, with the messages that say which limit and when to retry.</summary>
internal static class AdmissionRefusals
{
    public const string LimitHeader = "x-switchboard-limit";

    public static OpenAiError RateLimited(RateLimitRefusal refusal, string name, long tokens)
    {
        var who = $"{UsageScopes.Name(refusal.Scope)} '{name}'";
        var message = refusal.Kind switch
        {
            LimitKind.RequestsPerMinute =>
                $"Rate limit reached: {who} allows {refusal.Limit} requests per minute. Retry in {Seconds(refusal.RetryAfter)} s.",
            LimitKind.TokensPerMinute when refusal.RetryAfter is null =>
                $"This request needs about {tokens} tokens (prompt + max_tokens), more than the {refusal.Limit} tokens per minute {who} allows. Lower max_tokens or shorten the prompt.",
            LimitKind.TokensPerMinute =>
                $"Rate limit reached: {who} allows {refusal.Limit} tokens per minute and this request needs about {tokens} (prompt + max_tokens). Retry in {Seconds(refusal.RetryAfter)} s.",
            _ => $"Too many requests in progress: {who} allows {refusal.Limit} at a time. Retry when one of them finishes.",
        };
        return new OpenAiError(StatusCodes.Status429TooManyRequests, message, "rate_limit_error", null, "rate_limit_exceeded");
    }

    public static string LimitName(RateLimitRefusal refusal) => UsageScopes.Name(refusal.Scope) + ":" + refusal.Kind switch
    {
        LimitKind.RequestsPerMinute => "requests_per_minute",
        LimitKind.TokensPerMinute => "tokens_per_minute",
        _ => "concurrent_requests",
    };

    public static OpenAiError BudgetExceeded(BudgetRefusal refusal, string name, DateTimeOffset resetsAt)
    {
        var rule = refusal.Line.Rule;
        var message = $"Budget exceeded: the {rule.Describe(name)} is {Amount(rule.LimitMicros)} {rule.Currency}; {Amount(refusal.State.Spent)} is spent"
            + (refusal.State.Reserved > 0 ? $" and {Amount(refusal.State.Reserved)} reserved by requests in progress" : "")
            + $", and this request may cost up to {Amount(refusal.Line.Amount)}. It resets at {resetsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}.";
        return new OpenAiError(StatusCodes.Status429TooManyRequests, message, "insufficient_quota", null, "budget_exceeded");
    }

    public static string BudgetName(BudgetRule rule) => UsageScopes.Name(rule.Scope) + ":" + BudgetWindows.Adjective(rule.Period) + "_budget";

    public static OpenAiError StoreUnavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, "Rate limits and budgets cannot be checked right now (their store is unreachable). Retry shortly.",
            "api_error", null, "limits_unavailable");

    public static OpenAiError NoExchangeRate(string from, string to) =>
        new(StatusCodes.Status500InternalServerError,
            $"The request cannot be charged: a deployment is priced in {from}, the budget is in {to}, and prices.exchangeRates has no {from}/{to} rate.",
            "server_error", null, "no_exchange_rate");

    /// <summary>A budget near its limit, as the warning header says it.</summary>
    public static string Warning(BudgetRule rule, string name, BudgetState after) =>
        $"{rule.Describe(name)}: {Amount(after.Committed)} of {Amount(rule.LimitMicros)} {rule.Currency} used (soft limit {Amount(rule.SoftLimitMicros ?? 0)})";

    /// <summary>Whole seconds, rounded up, at least 1: the <c>Retry-After</c> value.</summary>
    public static long Seconds(TimeSpan? delay) => Math.Max(1, (long)Math.Ceiling((delay ?? TimeSpan.Zero).TotalSeconds));

    public static string Amount(long micros) => Money.FromMicros(micros).ToString("0.00####", CultureInfo.InvariantCulture);
}
