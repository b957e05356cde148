namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>What a sign-in remembers between start and callback (in an encrypted cookie): state, nonce, PKCE verifier, where to go after, expiry.</summary>
internal sealed record OidcState(string State, string Nonce, string Verifier, string RedirectUri, string? ReturnTo, long ExpiresAt)
{
    /// <summary>Started by the web application's login page: the callback starts a cookie session rather than handing out tokens.</summary>
    public bool WebSession { get; init; }
}
