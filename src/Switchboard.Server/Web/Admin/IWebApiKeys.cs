using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>
/// Where the keys page lists, creates and revokes API keys: <see cref="TenantWebApiKeys"/>, the control plane's
/// tenant-scoped keys. Callers have been authorised (<see cref="WebPermission.ManageKeys"/>).
/// </summary>
internal interface IWebApiKeys
{
    Task<IReadOnlyList<ApiKeyItem>> ListAsync(WebUser user, CancellationToken cancellationToken);

    Task<CreatedApiKey> CreateAsync(WebUser user, NewApiKey key, CancellationToken cancellationToken);

    /// <summary>Revokes the key; false when there is no such key (for this user).</summary>
    Task<bool> RevokeAsync(WebUser user, string id, CancellationToken cancellationToken);
}
