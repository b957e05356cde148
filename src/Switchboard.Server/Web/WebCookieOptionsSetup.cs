using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web;

/// <summary>
/// The session cookie: HttpOnly, SameSite=Lax (sent on links into the app, never on cross-site posts or WebSockets),
/// Secure whenever the request came over HTTPS, valid for <see cref="WebUiOptions.SessionLifetime"/> without sliding.
/// </summary>
internal sealed class WebCookieOptionsSetup(IOptions<WebUiOptions> web) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != WebAuth.Scheme)
        {
            return;
        }

        options.Cookie.Name = WebAuth.CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/";
        options.Cookie.IsEssential = true;
        options.ExpireTimeSpan = web.Value.SessionLifetime;
        options.SlidingExpiration = false;
        options.LoginPath = "/login";
        options.LogoutPath = "/account/logout";
        options.AccessDeniedPath = "/login";
        options.ReturnUrlParameter = "returnUrl";
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
