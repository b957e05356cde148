using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Auth;

/// <summary>
/// Requires <c>Authorization: Bearer &lt;key&gt;</c> on every <c>/v1</c> request and stores the caller
/// in <see cref="HttpContext.Items"/>; refusals use the OpenAI error shape.
/// </summary>
internal sealed class GatewayAuthMiddleware(RequestDelegate next, IApiKeyAuthenticator authenticator)
{
    private static readonly object CallerKey = new();

    public static GatewayCaller GetCaller(HttpContext context) =>
        (GatewayCaller)(context.Items[CallerKey] ?? throw new InvalidOperationException("The gateway auth middleware did not run."));

    /// <summary>The caller stored by this middleware or by the host's front door, or null when nobody authenticated the request.</summary>
    public static GatewayCaller? TryGetCaller(HttpContext context) => context.Items[CallerKey] as GatewayCaller;

    /// <summary>Lets the host's front door (the product API's authentication) hand the gateway's endpoints their caller.</summary>
    public static void SetCaller(HttpContext context, GatewayCaller caller) => context.Items[CallerKey] = caller;

    public Task InvokeAsync(HttpContext context)
    {
        string? header = context.Request.Headers.Authorization;
        if (!BearerToken.TryRead(header, out var key))
        {
            return OpenAiError.Unauthorized(header is null
                    ? "You didn't provide an API key. Send it as 'Authorization: Bearer <key>'."
                    : "The Authorization header must be 'Bearer <key>'.")
                .WriteAsync(context.Response, context.RequestAborted);
        }

        var caller = authenticator.Authenticate(key, context, out var refusal);
        if (caller is null)
        {
            refusal ??= ApiKeyRefusal.Unknown;
            var error = refusal.IsForbidden ? OpenAiError.Forbidden(refusal.Message) : OpenAiError.Unauthorized(refusal.Message);
            return error.WriteAsync(context.Response, context.RequestAborted);
        }

        context.Items[CallerKey] = caller;
        var outcome = GatewayRequestMiddleware.GetOutcome(context);
        outcome.KeyId = caller.KeyId;
        outcome.Caller = caller;
        return next(context);
    }
}
