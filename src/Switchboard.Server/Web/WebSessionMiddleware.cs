using Microsoft.AspNetCore.Authentication;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web;

/// <summary>
/// The web application's front door, for every request outside the APIs (<c>/v1</c>, <c>/api</c>, <c>/metrics</c>,
/// health), which pass untouched. Reads the session cookie — only the web application's requests carry it — and
/// accepts it only while the session stands (<see cref="WebSessionValidator"/>); a stale cookie is deleted and the
/// request marked, so the login form can say that the session ended. Adds the security headers of the pages: a
/// content security policy (scripts from this site only, no framing), no sniffing, same-origin referrers.
/// </summary>
internal sealed class WebSessionMiddleware(RequestDelegate next, WebSessionValidator validator)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsApi(path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!IsStaticAsset(path))
        {
            if (!path.StartsWithSegments("/files"))
            {
                context.Response.OnStarting(AddPageHeaders, context);
            }

            if (context.Request.Cookies.ContainsKey(WebAuth.CookieName))
            {
                var result = await context.AuthenticateAsync(WebAuth.Scheme).ConfigureAwait(false);
                if (result.Succeeded && await validator.IsValidAsync(result.Principal, context.RequestAborted).ConfigureAwait(false))
                {
                    context.User = result.Principal;
                }
                else
                {
                    context.Items[WebAuth.SessionEndedItem] = true;
                    context.Response.Cookies.Delete(WebAuth.CookieName);
                }
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>The APIs keep their own authentication (API keys, JWT) and never look at the session cookie.</summary>
    internal static bool IsApi(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/api") || path.StartsWithSegments("/metrics")
        || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    private static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/_content") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/web");

    private static Task AddPageHeaders(object state)
    {
        var headers = ((HttpContext)state).Response.Headers;
        headers.Append("Content-Security-Policy", ContentSecurityPolicy);
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        return Task.CompletedTask;
    }
}
