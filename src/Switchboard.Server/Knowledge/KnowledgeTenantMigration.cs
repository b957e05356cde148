using Switchboard.Knowledge.Store;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Before tenants existed, every collection and conversation belonged to the knowledge tenant <c>default</c>. At
/// start-up this gives them to the operator tenant of the control plane (created as <c>default</c> when there is none),
/// once: afterwards no row carries the old name.
/// </summary>
internal sealed partial class KnowledgeTenantMigration(KnowledgeStore store, IServiceScopeFactory scopes, ILogger<KnowledgeTenantMigration> logger)
    : IHostedService
{
    public const string LegacyTenant = "default";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!store.HasTenant(LegacyTenant))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantProvisioning>()
            .EnsureOperatorTenantAsync(AuditActor.System, cancellationToken).ConfigureAwait(false);
        var moved = store.MoveTenant(LegacyTenant, tenant.Id.ToString("D"));
        LogMoved(moved, tenant.Slug);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved {Count} knowledge collection(s) of the pre-tenant knowledge base into tenant '{Tenant}'")]
    private partial void LogMoved(int count, string tenant);
}
