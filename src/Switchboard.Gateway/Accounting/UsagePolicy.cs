using System.Collections.Frozen;
using Switchboard.Gateway.Budgets;
using Switchboard.Gateway.Limits;

namespace Switchboard.Gateway.Accounting;

/// <summary>
/// The limits and budgets in force, as one immutable snapshot read without locks on the request path:
/// limits and budgets per key, team and tenant, and display names for messages. (A tenant's currency comes with the
/// caller, <see cref="Auth.GatewayCaller.Currency"/>.)
/// Replaced as a whole when the definitions change.
/// </summary>
internal sealed class UsagePolicy(
    FrozenDictionary<(UsageScope, string), LimitSet> limits,
    FrozenDictionary<(UsageScope, string), BudgetRule[]> budgets,
    FrozenDictionary<(UsageScope, string), string> names)
{
    public static readonly UsagePolicy Empty = new(
        FrozenDictionary<(UsageScope, string), LimitSet>.Empty,
        FrozenDictionary<(UsageScope, string), BudgetRule[]>.Empty,
        FrozenDictionary<(UsageScope, string), string>.Empty);

    /// <summary>Limits stored for a key (they fill in what the key itself does not set), a team or a tenant.</summary>
    public FrozenDictionary<(UsageScope, string), LimitSet> Limits { get; } = limits;

    /// <summary>Budgets per scope, day before month.</summary>
    public FrozenDictionary<(UsageScope, string), BudgetRule[]> Budgets { get; } = budgets;

    /// <summary>What messages call a team or tenant (its name or slug); ids are used where none is known.</summary>
    public FrozenDictionary<(UsageScope, string), string> Names { get; } = names;

    public LimitSet LimitsOf(UsageScope scope, string? id) =>
        id is not null && Limits.TryGetValue((scope, id), out var limits) ? limits : default;

    public BudgetRule[]? BudgetsOf(UsageScope scope, string? id) =>
        id is not null && Budgets.TryGetValue((scope, id), out var rules) ? rules : null;

    public string NameOf(UsageScope scope, string id) => Names.TryGetValue((scope, id), out var name) ? name : id;
}
