using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Routing;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>
/// Creates, lists and revokes a tenant's API keys; every change is audited and reaches this process's
/// <see cref="IdentityDirectory"/> before the call returns (other processes within a second). Scoped.
/// </summary>
internal sealed class ApiKeyService(ControlPlaneDbContext db, AuditLog audit, IdentityDirectory directory, TimeProvider time)
{
    public const int MaxNameLength = 200;

    public async Task<CreatedApiKey> CreateAsync(Guid tenantId, NewApiKey request, AuditActor actor, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new ControlPlaneValidationException($"the key name must be 1-{MaxNameLength} characters");
        }

        var route = request.Route?.Trim().ToLowerInvariant();
        if (route is { Length: 0 })
        {
            route = null;
        }

        if (route is not null && (!RoutePreferences.TryParse(route, out var preference) || preference == RoutePreference.None))
        {
            throw new ControlPlaneValidationException($"the route '{route}' must be one of local-only, prefer-local, cheapest, fastest");
        }

        var networks = Clean(request.Networks);
        NetworkAllowList.Parse(networks, out var networkProblem);
        if (networkProblem is not null)
        {
            throw new ControlPlaneValidationException(networkProblem);
        }

        if (request.RequestsPerMinute is <= 0 || request.TokensPerMinute is <= 0 || request.MaxConcurrentRequests is <= 0)
        {
            throw new ControlPlaneValidationException("limits (requests per minute, tokens per minute, concurrent requests) must be positive");
        }

        await EnsureOwnerAsync(tenantId, request.Owner, cancellationToken).ConfigureAwait(false);
        var secret = request.ExistingHash is null ? ApiKeySecrets.NewKey() : null;
        var key = new ApiKey
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            OwnerUserId = request.Owner.Kind == KeyOwnerKind.User ? request.Owner.Id : null,
            OwnerTeamId = request.Owner.Kind == KeyOwnerKind.Team ? request.Owner.Id : null,
            OwnerServiceAccountId = request.Owner.Kind == KeyOwnerKind.ServiceAccount ? request.Owner.Id : null,
            Name = name,
            KeyHash = secret is null ? request.ExistingHash! : ApiKeySecrets.Hash(secret),
            KeyPrefix = secret is null ? request.ExistingPrefix ?? "sb-…" : ApiKeySecrets.DisplayPrefix(secret),
            AllowedModels = Clean(request.Models),
            AllowedNetworks = networks,
            RoutePreference = route,
            RequestsPerMinute = request.RequestsPerMinute,
            TokensPerMinute = request.TokensPerMinute,
            MaxConcurrentRequests = request.MaxConcurrentRequests,
            CreatedAt = request.CreatedAt ?? time.GetUtcNow(),
            ExpiresAt = request.ExpiresAt,
            RevokedAt = request.RevokedAt,
        };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord(actor, request.ExistingHash is null ? AuditActions.KeyCreated : AuditActions.KeyImported, tenantId,
            Target(key), AuditDetails.Of(("name", key.Name), ("owner", request.Owner.ToString()), ("models", Join(key.AllowedModels)),
                ("networks", Join(key.AllowedNetworks)), ("route", route),
                ("expires", key.ExpiresAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))), CancellationToken.None).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(key, secret);
    }

    /// <summary>The tenant's keys (optionally only one owner's), oldest first.</summary>
    public Task<List<ApiKey>> ListAsync(Guid tenantId, KeyOwner? owner, CancellationToken cancellationToken)
    {
        var query = db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId);
        if (owner is { } only)
        {
            query = only.Kind switch
            {
                KeyOwnerKind.User => query.Where(k => k.OwnerUserId == only.Id),
                KeyOwnerKind.Team => query.Where(k => k.OwnerTeamId == only.Id),
                _ => query.Where(k => k.OwnerServiceAccountId == only.Id),
            };
        }

        return query.OrderBy(k => k.CreatedAt).ThenBy(k => k.Name).ToListAsync(cancellationToken);
    }

    /// <summary>The key with this id or (when unique) name in the tenant, or null with the reason.</summary>
    public async Task<(ApiKey? Key, string? Problem)> FindAsync(Guid tenantId, string idOrName, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(idOrName, out var id))
        {
            var byId = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == id, cancellationToken).ConfigureAwait(false);
            return byId is null ? (null, $"no key has the id '{idOrName}'") : (byId, null);
        }

        var named = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId && k.Name == idOrName).ToListAsync(cancellationToken).ConfigureAwait(false);
        return named.Count switch
        {
            0 => (null, $"no key has the id or name '{idOrName}'"),
            1 => (named[0], null),
            _ => (null, $"{named.Count} keys are named '{idOrName}'; revoke by id ({string.Join(", ", named.Select(k => k.Id))})"),
        };
    }

    /// <summary>Revokes the key (idempotent). Null when the tenant has no key with this id.</summary>
    public async Task<ApiKey?> RevokeAsync(Guid tenantId, Guid keyId, AuditActor actor, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.TenantId == tenantId && k.Id == keyId, cancellationToken).ConfigureAwait(false);
        if (key is null || key.RevokedAt is not null)
        {
            return key;
        }

        key.RevokedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord(actor, AuditActions.KeyRevoked, tenantId, Target(key),
            AuditDetails.Of(("name", key.Name), ("owner", KeyOwner.Of(key).ToString()))), CancellationToken.None).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        return key;
    }

    public static string Target(ApiKey key) => $"key:{key.Id:D}";

    private async Task EnsureOwnerAsync(Guid tenantId, KeyOwner owner, CancellationToken cancellationToken)
    {
        var exists = owner.Kind switch
        {
            KeyOwnerKind.User => await db.Users.AnyAsync(u => u.TenantId == tenantId && u.Id == owner.Id, cancellationToken).ConfigureAwait(false),
            KeyOwnerKind.Team => await db.Teams.AnyAsync(t => t.TenantId == tenantId && t.Id == owner.Id, cancellationToken).ConfigureAwait(false),
            _ => await db.ServiceAccounts.AnyAsync(s => s.TenantId == tenantId && s.Id == owner.Id, cancellationToken).ConfigureAwait(false),
        };
        if (!exists)
        {
            throw new ControlPlaneValidationException($"the key's owner ({owner}) does not exist in this tenant");
        }
    }

    private static List<string> Clean(IReadOnlyList<string>? values) =>
        values is null ? [] : [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];

    private static string? Join(List<string> values) => values.Count == 0 ? null : string.Join(',', values);
}
