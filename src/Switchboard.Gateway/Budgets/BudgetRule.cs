using Switchboard.Gateway.Accounting;

namespace Switchboard.Gateway.Budgets;

/// <summary>
/// A spending limit of a key, team or tenant per day or month, in <see cref="Currency"/> (the tenant's).
/// Reaching <see cref="SoftLimit"/> adds a warning header to responses; <see cref="Limit"/> refuses requests. Immutable.
/// </summary>
internal sealed record BudgetRule(UsageScope Scope, string ScopeId, BudgetPeriod Period, decimal Limit, decimal? SoftLimit, string Currency)
{
    public long LimitMicros { get; } = Money.ToMicros(Limit);

    public long? SoftLimitMicros { get; } = SoftLimit is { } soft ? Money.ToMicros(soft) : null;

    /// <summary>How messages name it: <c>team 'ops' daily budget</c>.</summary>
    public string Describe(string? displayName = null) =>
        $"{UsageScopes.Name(Scope)} '{displayName ?? ScopeId}' {BudgetWindows.Adjective(Period)} budget";
}
