using Microsoft.AspNetCore.Http.HttpResults;
using Switchboard.Gateway.Auth;
using Switchboard.Knowledge.Access;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Who calls the knowledge-base API. Today an API key (<c>Authorization: Bearer sb-…</c>): its id is the principal,
/// every key lives in the <c>default</c> tenant, and the admin key administers it. Tenants, users and groups replace
/// this with the control plane.
/// </summary>
internal static class KnowledgeCallers
{
    public const string DefaultTenant = "default";

    public static KnowledgeCaller Of(GatewayCaller caller) =>
        new(DefaultTenant, caller.KeyId, new HashSet<string>(StringComparer.Ordinal), caller.IsAdmin) { Origin = caller };

    public static GatewayCaller? GatewayCallerOf(KnowledgeCaller caller) => caller.Origin as GatewayCaller;

    /// <summary>The caller of <paramref name="context"/>, or a 401 problem naming what is missing.</summary>
    public static (KnowledgeCaller? Caller, ProblemHttpResult? Problem) Authenticate(HttpContext context, IApiKeyAuthenticator authenticator)
    {
        string? header = context.Request.Headers.Authorization;
        if (!BearerToken.TryRead(header, out var key))
        {
            return (null, TypedResults.Problem(statusCode: 401, title: "Unauthorized",
                detail: header is null ? "Send an API key as 'Authorization: Bearer <key>'." : "The Authorization header must be 'Bearer <key>'."));
        }

        return authenticator.Authenticate(key, out var failure) is { } caller
            ? (Of(caller), null)
            : (null, TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: failure ?? "Incorrect API key provided."));
    }
}
