using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace Switchboard.Server.Web.Auth;

/// <summary>
/// The authentication state of an open page (a Blazor circuit): the session cookie's user, re-checked every
/// <see cref="WebUiOptions.RevalidationInterval"/> by <see cref="WebSessionValidator"/>. When the session ends the state
/// becomes anonymous and the router sends the page to the login form with a message. One per circuit.
/// </summary>
internal sealed class WebAuthenticationStateProvider(ILoggerFactory loggerFactory, WebSessionValidator validator, IOptions<WebUiOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    /// <summary>Whether this circuit had a user whose session then ended (as opposed to never having logged in).</summary>
    public bool SessionEnded { get; private set; }

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var valid = await validator.IsValidAsync(authenticationState.User, cancellationToken).ConfigureAwait(false);
        SessionEnded |= !valid;
        return valid;
    }

    /// <summary>Ends the session on this page at once (an action found it invalid).</summary>
    public void EndSession()
    {
        SessionEnded = true;
        SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));
    }
}
