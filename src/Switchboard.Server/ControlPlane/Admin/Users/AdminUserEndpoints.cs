using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Knowledge.Api;

namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary><c>/api/v1/admin/users</c>: list, create, change role/status/name, delete, reset password (<c>users.manage</c>).</summary>
internal static class AdminUserEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var users = admin.MapGroup("/users").RequirePermission(Permissions.UsersManage);
        users.MapGet("", ListAsync);
        users.MapPost("", CreateAsync);
        users.MapPatch("/{id}", UpdateAsync);
        users.MapDelete("/{id}", DeleteAsync);
        users.MapPost("/{id}/reset-password", ResetPasswordAsync);
    }

    private static Task<IResult> ListAsync(HttpContext context, UserAdministration users) => AdminApi.RunAsync(context, async principal =>
    {
        var list = await users.ListAsync(principal.TenantId!.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new UserList([.. list.Select(UserView.Of)]), AdminJsonContext.Default.UserList);
    });

    private static Task<IResult> CreateAsync(HttpContext context, UserAdministration users) => AdminApi.RunAsync(context, async principal =>
    {
        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.UserBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        if (string.IsNullOrWhiteSpace(body.Email))
        {
            return AdminApi.Problem(400, "'email' is required.");
        }

        var role = UserRole.Member;
        if (body.Role is not null && !AdminApi.TryRole(body.Role, out role))
        {
            return AdminApi.Problem(400, AdminApi.RoleProblem);
        }

        var user = await users.CreateAsync(principal, new NewUser(body.Email, body.Password, role, body.DisplayName), context.RequestAborted).ConfigureAwait(false);
        return AdminApi.Created(context, $"/api/v1/admin/users/{user.Id:D}", UserView.Of(user), AdminJsonContext.Default.UserView);
    });

    private static Task<IResult> UpdateAsync(HttpContext context, UserAdministration users) => AdminApi.RunAsync(context, async principal =>
    {
        if (!AdminApi.TryId(context, "id", out var id))
        {
            return AdminApi.NotFound("user", AdminApi.RouteValue(context, "id"));
        }

        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.UserPatchBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        UserRole? role = null;
        if (body.Role is not null)
        {
            if (!AdminApi.TryRole(body.Role, out var parsed))
            {
                return AdminApi.Problem(400, AdminApi.RoleProblem);
            }

            role = parsed;
        }

        var user = await users.UpdateAsync(principal, id, new UserChanges(role, body.Disabled, body.DisplayName), context.RequestAborted).ConfigureAwait(false);
        return user is null ? AdminApi.NotFound("user", id.ToString("D")) : TypedResults.Json(UserView.Of(user), AdminJsonContext.Default.UserView);
    });

    private static Task<IResult> DeleteAsync(HttpContext context, UserAdministration users) => AdminApi.RunAsync(context, async principal =>
        AdminApi.TryId(context, "id", out var id) && await users.DeleteAsync(principal, id, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : AdminApi.NotFound("user", AdminApi.RouteValue(context, "id")));

    private static Task<IResult> ResetPasswordAsync(HttpContext context, UserAdministration users) => AdminApi.RunAsync(context, async principal =>
    {
        if (!AdminApi.TryId(context, "id", out var id))
        {
            return AdminApi.NotFound("user", AdminApi.RouteValue(context, "id"));
        }

        var password = context.Request.ContentLength is null or 0 && !context.Request.HasJsonContentType() ? null
            : (await ApiJson.ReadAsync(context, AdminJsonContext.Default.PasswordBody).ConfigureAwait(false)) is ({ } body, _) ? body.Password
            : throw new ControlPlaneValidationException("the body must be JSON {\"password\": \"…\"} or empty");
        var result = await users.ResetPasswordAsync(principal, id, password, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        return result is { } reset ? TypedResults.Json(new PasswordResetView(reset.User.Id, reset.Generated), AdminJsonContext.Default.PasswordResetView) : AdminApi.NotFound("user", id.ToString("D"));
    });
}
