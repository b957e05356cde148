using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Knowledge.Api;

namespace Switchboard.Server.ControlPlane.Admin.Keys;

/// <summary>What the admin and self-service key endpoints share: reading a create request and answering it.</summary>
internal static class KeyRequests
{
    public static async Task<IResult> CreateAsync(HttpContext context, ApiPrincipal principal, ApiKeyService keys, TimeProvider time,
        Func<KeyBody, (KeyOwner? Owner, string? Problem)> owner)
    {
        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.KeyBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var (keyOwner, ownerProblem) = owner(body);
        if (keyOwner is null)
        {
            return AdminApi.Problem(StatusCodes.Status400BadRequest, ownerProblem!);
        }

        var created = await keys.CreateAsync(principal.TenantId!.Value, new NewApiKey(body.Name ?? "", keyOwner.Value)
        {
            Models = body.Models,
            Networks = body.Networks,
            Route = body.Route,
            ExpiresAt = body.ExpiresAt,
            RequestsPerMinute = body.RequestsPerMinute,
            TokensPerMinute = body.TokensPerMinute,
            MaxConcurrentRequests = body.MaxConcurrentRequests,
        }, principal.Actor, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return AdminApi.Created(context, $"/api/v1/admin/keys/{created.Key.Id:D}", new CreatedKeyView(created.Secret!, KeyView.Of(created.Key, time.GetUtcNow())),
            AdminJsonContext.Default.CreatedKeyView);
    }

    public static IResult List(List<ApiKey> keys, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Json(new KeyList([.. keys.Select(k => KeyView.Of(k, now))]), AdminJsonContext.Default.KeyList);
    }
}
