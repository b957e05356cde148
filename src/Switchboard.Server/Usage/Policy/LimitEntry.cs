using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Limits;

namespace Switchboard.Server.Usage.Policy;

/// <summary>The stored rate limits of a tenant, team or key, with the name it has now (its id when it no longer exists).</summary>
internal sealed record LimitEntry(UsageScope Scope, string ScopeId, string Name, LimitSet Limits, DateTimeOffset UpdatedAt);
