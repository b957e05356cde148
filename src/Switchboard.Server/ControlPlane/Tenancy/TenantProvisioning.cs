using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>
/// Creates what first use needs: the <c>default</c> tenant when there is none (so a fresh install's first key works)
/// and service accounts by name. Safe when two processes race (the loser re-reads). Scoped.
/// </summary>
internal sealed class TenantProvisioning(ControlPlaneDbContext db, AccountService accounts, AuditLog audit, IdentityDirectory directory, TimeProvider time)
{
    public const string DefaultSlug = "default";

    /// <summary>The tenant named by <paramref name="slug"/>; without one, the only tenant, or a new <c>default</c> tenant when there is none.</summary>
    public async Task<Tenant> ResolveAsync(string? slug, AuditActor actor, CancellationToken cancellationToken)
    {
        var (tenant, problem) = await accounts.FindTenantAsync(slug, cancellationToken).ConfigureAwait(false);
        if (tenant is not null)
        {
            return tenant;
        }

        if (!string.IsNullOrWhiteSpace(slug) || await db.Tenants.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException(problem!);
        }

        return await EnsureOperatorTenantAsync(actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The operator tenant (the oldest), created as <c>default</c> when there is no tenant yet.</summary>
    public async Task<Tenant> EnsureOperatorTenantAsync(AuditActor actor, CancellationToken cancellationToken)
    {
        var oldest = await OldestAsync(cancellationToken).ConfigureAwait(false);
        if (oldest is not null)
        {
            return oldest;
        }

        try
        {
            var created = await accounts.CreateTenantAsync(new NewTenant("Default", DefaultSlug, "USD"), actor, cancellationToken).ConfigureAwait(false);
            await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
            return created;
        }
        catch (Exception ex) when (ex is DbUpdateException or ControlPlaneValidationException)
        {
            // Another process created it first.
            db.ChangeTracker.Clear();
            return await OldestAsync(cancellationToken).ConfigureAwait(false) ?? throw new ControlPlaneValidationException("could not create the default tenant");
        }
    }

    /// <summary>The tenant's service account named <paramref name="name"/>, created (with <paramref name="role"/>) when missing.</summary>
    public async Task<ServiceAccount> EnsureServiceAccountAsync(Guid tenantId, string name, UserRole role, AuditActor actor, CancellationToken cancellationToken)
    {
        name = name.Trim();
        var existing = await db.ServiceAccounts.FirstOrDefaultAsync(s => s.TenantId == tenantId && s.Name == name, cancellationToken).ConfigureAwait(false);
        return existing ?? await CreateServiceAccountAsync(tenantId, name, role, actor, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceAccount> CreateServiceAccountAsync(Guid tenantId, string name, UserRole role, AuditActor actor, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new ControlPlaneValidationException("the service account's name must be 1-200 characters");
        }

        if (await db.ServiceAccounts.AnyAsync(s => s.TenantId == tenantId && s.Name == name, cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException($"a service account named '{name}' already exists in this tenant");
        }

        var account = new ServiceAccount { Id = Guid.NewGuid(), TenantId = tenantId, Name = name, Role = role, CreatedAt = time.GetUtcNow() };
        db.ServiceAccounts.Add(account);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord(actor, AuditActions.ServiceAccountCreated, tenantId, $"service_account:{account.Id:D}",
            AuditDetails.Of(("name", name), ("role", role.ToString().ToLowerInvariant()))), CancellationToken.None).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return account;
    }

    // The identity snapshot decides which tenant is the operator, so every caller agrees on it (ties in creation time included).
    private async Task<Tenant?> OldestAsync(CancellationToken cancellationToken)
    {
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return directory.Current.Operator is { } operatorTenant
            ? await db.Tenants.FirstOrDefaultAsync(t => t.Id == operatorTenant.Id, cancellationToken).ConfigureAwait(false)
            : null;
    }
}
