using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Budgets;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Usage.Policy;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The budgets and limits page: the tenant's rate limits and budgets (<c>usage.read</c>), set and removed
/// (<c>limits.manage</c>) through <see cref="UsagePolicyAdmin"/> — the service of <c>switchboard limits|budgets</c> and
/// <c>/api/v1/admin/limits|budgets</c> — for the tenant, its teams and its keys only. A change is audited with the user as
/// actor and in force on this server before the call returns. One per circuit.
/// </summary>
internal sealed class BudgetAdminService(ControlPlaneActions actions, UsagePolicyAdmin policy, TimeProvider time)
{
    public Task<UsagePolicyOverview> LoadAsync(CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ViewBudgets, async (services, reader) =>
        {
            var tenantId = reader.TenantId!.Value;
            var tenant = await policy.FindAsync(tenantId, UsageScope.Tenant, tenantId.ToString(), cancellationToken).ConfigureAwait(false)
                ?? throw new WebValidationException("The organisation no longer exists.");
            var teams = await services.GetRequiredService<TeamAdministration>().ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
            var keys = await services.GetRequiredService<ApiKeyService>().ListAsync(tenantId, null, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            UsageTargetOption[] targets =
            [
                new(UsageScope.Tenant, tenant.Id, tenant.Name),
                .. teams.Select(t => new UsageTargetOption(UsageScope.Team, t.Id.ToString(), t.Name)),
                .. keys.Where(k => k.RevokedAt is null && !(k.ExpiresAt <= now)).Select(k => new UsageTargetOption(UsageScope.Key, k.Id.ToString(), k.Name)),
            ];
            return new UsagePolicyOverview(await policy.ListLimitsAsync(tenantId, cancellationToken).ConfigureAwait(false),
                await policy.ListBudgetsAsync(tenantId, cancellationToken).ConfigureAwait(false), targets, tenant.Currency);
        }, cancellationToken);

    /// <summary>Sets all three limits of the target: null (or 0) means no limit of that kind.</summary>
    public Task SetLimitsAsync(UsageScope scope, string id, int? requestsPerMinute, int? tokensPerMinute, int? maxConcurrent, CancellationToken cancellationToken) =>
        ChangeAsync(scope, id, (target, actor) => policy.SetLimitsAsync(target, new LimitChange(requestsPerMinute ?? 0, tokensPerMinute ?? 0, maxConcurrent ?? 0),
            actor.Actor, cancellationToken), cancellationToken);

    public Task RemoveLimitsAsync(UsageScope scope, string id, CancellationToken cancellationToken) =>
        ChangeAsync(scope, id, (target, actor) => policy.RemoveLimitsAsync(target, actor.Actor, cancellationToken), cancellationToken);

    public Task SetBudgetAsync(UsageScope scope, string id, BudgetPeriod period, decimal limit, decimal? softLimit, CancellationToken cancellationToken) =>
        ChangeAsync(scope, id, (target, actor) => policy.SetBudgetAsync(target, period, limit, softLimit, actor.Actor, cancellationToken), cancellationToken);

    public Task RemoveBudgetAsync(UsageScope scope, string id, BudgetPeriod period, CancellationToken cancellationToken) =>
        ChangeAsync(scope, id, (target, actor) => policy.RemoveBudgetsAsync(target, period, actor.Actor, cancellationToken), cancellationToken);

    /// <summary>Finds the target inside the user's tenant (anything else is "no longer exists"), then changes it.</summary>
    private Task<T> ChangeAsync<T>(UsageScope scope, string id, Func<UsageTarget, ApiPrincipal, Task<T>> change, CancellationToken cancellationToken) =>
        actions.RunAsync(WebPermission.ManageBudgets, async (_, admin) =>
        {
            var target = await policy.FindAsync(admin.TenantId!.Value, scope, id, cancellationToken).ConfigureAwait(false)
                ?? throw new WebValidationException($"That {UsageScopes.Name(scope)} no longer exists.");
            return await change(target, admin).ConfigureAwait(false);
        }, cancellationToken);
}
