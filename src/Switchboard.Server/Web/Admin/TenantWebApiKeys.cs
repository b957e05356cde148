using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// <see cref="IWebApiKeys"/> over the control plane's tenant-scoped keys (<see cref="ApiKeyService"/>): holders of
/// <c>keys.manage</c> see and revoke every key of the tenant, everyone else only their own; keys made here belong to
/// the user. Changes are audited with the user as actor and reach the gateway before the call returns. Scoped.
/// </summary>
internal sealed class TenantWebApiKeys(ApiKeyService keys, TimeProvider time) : IWebApiKeys
{
    public async Task<IReadOnlyList<ApiKeyItem>> ListAsync(WebUser user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var listed = await keys.ListAsync(user.TenantId, ManagesAll(user) ? null : KeyOwner.User(user.UserId), cancellationToken).ConfigureAwait(false);
        return [.. listed.OrderByDescending(k => k.CreatedAt).Select(k => Item(k, now))];
    }

    public async Task<CreatedApiKey> CreateAsync(WebUser user, NewApiKey key, CancellationToken cancellationToken)
    {
        var created = await keys.CreateAsync(user.TenantId, new ControlPlane.ApiKeys.NewApiKey(key.Name, KeyOwner.User(user.UserId))
        {
            Models = key.Models,
            ExpiresAt = key.ExpiresAt,
        }, AuditActor.User(user.UserId), cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(Item(created.Key, time.GetUtcNow()), created.Secret!);
    }

    public async Task<bool> RevokeAsync(WebUser user, string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var keyId))
        {
            return false;
        }

        if (!ManagesAll(user))
        {
            // Someone else's key is "no such key" for this user, as in the API.
            var (found, _) = await keys.FindAsync(user.TenantId, id, cancellationToken).ConfigureAwait(false);
            if (found?.OwnerUserId != user.UserId)
            {
                return false;
            }
        }

        return await keys.RevokeAsync(user.TenantId, keyId, AuditActor.User(user.UserId), cancellationToken).ConfigureAwait(false) is not null;
    }

    private static bool ManagesAll(WebUser user) => user.Identity?.Can(Permissions.KeysManage) == true;

    private static ApiKeyItem Item(ApiKey k, DateTimeOffset now) =>
        new(k.Id.ToString("D"), k.Name, k.KeyPrefix, k.AllowedModels.Count > 0 ? k.AllowedModels : null, k.CreatedAt, k.ExpiresAt, k.RevokedAt,
            k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active");
}
