using Microsoft.AspNetCore.Components.Authorization;
using Switchboard.Server.ControlPlane.Identity;

namespace Switchboard.Server.Web.Auth;

/// <summary>
/// The current web user for services, checked before every action: the session is re-validated against the control
/// plane (so an action never runs on a session that ended since the last periodic check) and the role must allow the
/// action. One per circuit (or per request while pre-rendering).
/// </summary>
internal sealed class WebUserAccessor(AuthenticationStateProvider authentication, WebSessionValidator validator, IdentityDirectory directory)
{
    /// <summary>The user, if the session stands and <paramref name="permission"/> is allowed; otherwise throws.</summary>
    /// <exception cref="WebSessionEndedException">The session has ended.</exception>
    /// <exception cref="WebForbiddenException">The role does not allow <paramref name="permission"/>.</exception>
    public async Task<WebUser> RequireAsync(WebPermission permission, CancellationToken cancellationToken = default)
    {
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        var user = WebUser.From(state.User);
        if (user is null || !await validator.IsValidAsync(state.User, cancellationToken).ConfigureAwait(false))
        {
            (authentication as WebAuthenticationStateProvider)?.EndSession();
            throw new WebSessionEndedException();
        }

        // The same check as the API's (role and, for server-wide permissions, the operator tenant), on the same principal.
        var identity = await directory.UserPrincipalAsync(user.UserId, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            (authentication as WebAuthenticationStateProvider)?.EndSession();
            throw new WebSessionEndedException();
        }

        return identity.Can(WebPermissions.Of(permission))
            ? user with { Identity = identity }
            : throw new WebForbiddenException($"Your role ({user.Role.ToString().ToLowerInvariant()}) does not have the permission '{WebPermissions.Of(permission)}'.");
    }

    /// <summary>
    /// The user as the page last saw it, with the principal from the in-memory identity snapshot, without a database
    /// check (for rendering only, never for acting).
    /// </summary>
    public async Task<WebUser?> PeekAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        return Peek(state.User);
    }

    /// <summary>The user of <paramref name="principal"/> with the snapshot's principal (rendering only, as <see cref="PeekAsync"/>).</summary>
    public WebUser? Peek(System.Security.Claims.ClaimsPrincipal principal) =>
        WebUser.From(principal) is { } user ? user with { Identity = directory.Current.User(user.UserId)?.Principal } : null;
}
