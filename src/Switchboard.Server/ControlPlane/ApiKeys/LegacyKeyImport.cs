using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>
/// Moves the keys of the old <c>switchboard.db</c> into the control plane once, at start-up (after the migrations,
/// before the identity snapshot loads): same hashes, names, model allow-lists, routes, expiry and revocation, owned by
/// the service account <c>migrated-keys</c> (role member) of the operator tenant (<c>default</c>, created when there is
/// none). Keys whose hash is already stored are skipped, so a crash half-way or several nodes importing is harmless.
/// </summary>
internal sealed partial class LegacyKeyImport(IServiceScopeFactory scopes, IOptions<ControlPlaneOptions> options, ILogger<LegacyKeyImport> logger)
    : IHostedService
{
    public const string ServiceAccountName = "migrated-keys";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDirectory = options.Value.DataDirectory;
        var pending = LegacyKeyFile.ReadPending(dataDirectory);
        if (pending is null)
        {
            return;
        }

        var imported = 0;
        if (pending.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<ControlPlaneDbContext>();
            var tenancy = services.GetRequiredService<TenantProvisioning>();
            var tenant = await tenancy.EnsureOperatorTenantAsync(AuditActor.System, cancellationToken).ConfigureAwait(false);
            var account = await tenancy.EnsureServiceAccountAsync(tenant.Id, ServiceAccountName, UserRole.Member, AuditActor.System, cancellationToken)
                .ConfigureAwait(false);
            var hashes = pending.Select(k => k.KeyHash).ToList();
            var known = (await db.ApiKeys.Where(k => hashes.Contains(k.KeyHash)).Select(k => k.KeyHash).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToHashSet(StringComparer.Ordinal);
            var keys = services.GetRequiredService<ApiKeyService>();
            foreach (var legacy in pending.Where(k => !known.Contains(k.KeyHash)))
            {
                await keys.CreateAsync(tenant.Id, new NewApiKey(legacy.Name, KeyOwner.ServiceAccount(account.Id))
                {
                    Models = legacy.Models,
                    Route = legacy.Route,
                    ExpiresAt = legacy.ExpiresAt,
                    ExistingHash = legacy.KeyHash,
                    ExistingPrefix = legacy.KeyPrefix,
                    CreatedAt = legacy.CreatedAt,
                    RevokedAt = legacy.RevokedAt,
                }, AuditActor.System, cancellationToken).ConfigureAwait(false);
                imported++;
            }

            LogImported(imported, pending.Count - imported, tenant.Slug);
        }

        LegacyKeyFile.MarkImported(dataDirectory);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Imported {Imported} API key(s) from switchboard.db into the control plane (tenant '{Tenant}', service account 'migrated-keys'); {Skipped} were there already")]
    private partial void LogImported(int imported, int skipped, string tenant);
}
