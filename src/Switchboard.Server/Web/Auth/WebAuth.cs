namespace Switchboard.Server.Web.Auth;

/// <summary>Names of the web application's cookie session: the scheme, the cookie and the claims it carries.</summary>
internal static class WebAuth
{
    public const string Scheme = "switchboard-web";

    /// <summary>The session cookie: HttpOnly, SameSite=Lax, Secure when the request is HTTPS; encrypted with the data-protection keys.</summary>
    public const string CookieName = "sb_session";

    /// <summary>The login's refresh token: the session's handle in the control plane (logout and revocation end it).</summary>
    public const string SessionClaim = "sb_session";

    /// <summary>When the login ends, in Unix milliseconds.</summary>
    public const string ExpiresClaim = "sb_expires";

    public const string EmailClaim = "email";

    /// <summary><see cref="Microsoft.AspNetCore.Http.HttpContext.Items"/> key set when a request carried a session cookie that is no longer valid.</summary>
    public const string SessionEndedItem = "sb-session-ended";
}
