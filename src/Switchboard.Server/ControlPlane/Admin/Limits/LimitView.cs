using Switchboard.Gateway.Accounting;
using Switchboard.Server.Usage.Policy;

namespace Switchboard.Server.ControlPlane.Admin.Limits;

/// <summary>The stored limits of a tenant, team or key as the admin API shows them; a null limit is no limit.</summary>
internal sealed record LimitView(string Scope, string Id, string Name, int? RequestsPerMinute, int? TokensPerMinute, int? MaxConcurrentRequests,
    DateTimeOffset UpdatedAt)
{
    public static LimitView Of(LimitEntry e) => new(UsageScopes.Name(e.Scope), e.ScopeId, e.Name, e.Limits.RequestsPerMinute, e.Limits.TokensPerMinute,
        e.Limits.MaxConcurrent, e.UpdatedAt);
}
