using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Admin;

/// <summary>The keys page's actions: authorises (owners and admins) and validates, then hands over to <see cref="IWebApiKeys"/>. One per circuit.</summary>
internal sealed class ApiKeyAdminService(WebUserAccessor users, IWebApiKeys keys)
{
    public async Task<IReadOnlyList<ApiKeyItem>> ListAsync(CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ManageKeys, cancellationToken).ConfigureAwait(false);
        return await keys.ListAsync(user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CreatedApiKey> CreateAsync(NewApiKey key, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ManageKeys, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(key.Name) || key.Name.Trim().Length > 100)
        {
            throw new WebValidationException("A key name is 1-100 characters.");
        }

        return await keys.CreateAsync(user, key, cancellationToken).ConfigureAwait(false);
    }

    public async Task RevokeAsync(string id, CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ManageKeys, cancellationToken).ConfigureAwait(false);
        if (!await keys.RevokeAsync(user, id, cancellationToken).ConfigureAwait(false))
        {
            throw new WebValidationException("The key does not exist.");
        }
    }
}
