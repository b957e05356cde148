using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin.Keys;

/// <summary>
/// <c>/api/v1/admin/keys</c> (<c>keys.manage</c>: every key of the tenant) and <c>/api/v1/keys</c>
/// (<c>keys.manage_own</c>: the keys of the calling user; callers that are no user — team and service-account keys, the
/// bootstrap key — have none). Creating answers with the key once; revoking keeps the row.
/// </summary>
internal static class AdminKeyEndpoints
{
    public static void Map(RouteGroupBuilder admin, IEndpointRouteBuilder app)
    {
        var keys = admin.MapGroup("/keys").RequirePermission(Permissions.KeysManage);
        keys.MapGet("", ListAsync);
        keys.MapPost("", CreateAsync);
        keys.MapDelete("/{id}", RevokeAsync);

        var own = app.MapGroup("/api/v1/keys").RequirePermission(Permissions.KeysManageOwn);
        own.MapGet("", ListOwnAsync);
        own.MapPost("", CreateOwnAsync);
        own.MapDelete("/{id}", RevokeOwnAsync);
    }

    private static Task<IResult> ListAsync(HttpContext context, ApiKeyService keys, TimeProvider time) => AdminApi.RunAsync(context, async principal =>
        KeyRequests.List(await keys.ListAsync(principal.TenantId!.Value, null, context.RequestAborted).ConfigureAwait(false), time));

    private static Task<IResult> CreateAsync(HttpContext context, ApiKeyService keys, TimeProvider time) => AdminApi.RunAsync(context, principal =>
        KeyRequests.CreateAsync(context, principal, keys, time, body => (body.OwnerUser, body.OwnerTeam, body.ServiceAccount) switch
        {
            ({ } user, null, null) => (KeyOwner.User(user), null),
            (null, { } team, null) => (KeyOwner.Team(team), null),
            (null, null, { } account) => (KeyOwner.ServiceAccount(account), null),
            _ => (null, "Name exactly one owner: 'owner_user', 'owner_team' or 'service_account' (an id)."),
        }));

    private static Task<IResult> RevokeAsync(HttpContext context, ApiKeyService keys) => AdminApi.RunAsync(context, async principal =>
        AdminApi.TryId(context, "id", out var id) && await keys.RevokeAsync(principal.TenantId!.Value, id, principal.Actor, context.RequestAborted)
            .ConfigureAwait(false) is not null
            ? TypedResults.NoContent()
            : AdminApi.NotFound("key", AdminApi.RouteValue(context, "id")));

    private static Task<IResult> ListOwnAsync(HttpContext context, ApiKeyService keys, TimeProvider time) => AdminApi.RunAsync(context, async principal =>
        KeyRequests.List(principal.UserId is { } user
            ? await keys.ListAsync(principal.TenantId!.Value, KeyOwner.User(user), context.RequestAborted).ConfigureAwait(false)
            : [], time));

    private static Task<IResult> CreateOwnAsync(HttpContext context, ApiKeyService keys, TimeProvider time) => AdminApi.RunAsync(context, principal =>
        principal.UserId is { } user
            ? KeyRequests.CreateAsync(context, principal, keys, time, body => body.OwnerUser is null && body.OwnerTeam is null && body.ServiceAccount is null
                ? (KeyOwner.User(user), null)
                : (null, "Your own keys belong to you: leave out 'owner_user', 'owner_team' and 'service_account' (administrators use /api/v1/admin/keys)."))
            : Task.FromResult<IResult>(NoUser()));

    private static Task<IResult> RevokeOwnAsync(HttpContext context, ApiKeyService keys) => AdminApi.RunAsync(context, async principal =>
    {
        if (principal.UserId is not { } user || !AdminApi.TryId(context, "id", out var id)
            || (await keys.ListAsync(principal.TenantId!.Value, KeyOwner.User(user), context.RequestAborted).ConfigureAwait(false)).All(k => k.Id != id))
        {
            return AdminApi.Problem(StatusCodes.Status404NotFound, $"You have no key with the id '{AdminApi.RouteValue(context, "id")}'.");
        }

        await keys.RevokeAsync(principal.TenantId!.Value, id, principal.Actor, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    });

    // Not 403: the caller holds the permission, it just has no user to own keys (a team or service-account key, the bootstrap key).
    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NoUser() =>
        AdminApi.Problem(StatusCodes.Status400BadRequest, "Only users own keys; this credential is a team or service-account key or the bootstrap key (use /api/v1/admin/keys).");
}
