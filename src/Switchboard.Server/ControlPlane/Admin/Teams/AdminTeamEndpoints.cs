using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.Knowledge.Api;

namespace Switchboard.Server.ControlPlane.Admin.Teams;

/// <summary><c>/api/v1/admin/teams</c>: list, create, rename, delete teams and manage their members (<c>teams.manage</c>).</summary>
internal static class AdminTeamEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        var teams = admin.MapGroup("/teams").RequirePermission(Permissions.TeamsManage);
        teams.MapGet("", ListAsync);
        teams.MapPost("", CreateAsync);
        teams.MapPatch("/{id}", RenameAsync);
        teams.MapDelete("/{id}", DeleteAsync);
        teams.MapGet("/{id}/members", MembersAsync);
        teams.MapPut("/{id}/members/{userId}", SetMemberAsync);
        teams.MapDelete("/{id}/members/{userId}", RemoveMemberAsync);
    }

    private static Task<IResult> ListAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
    {
        var list = await teams.ListAsync(principal.TenantId!.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(new TeamList([.. list.Select(TeamView.Of)]), AdminJsonContext.Default.TeamList);
    });

    private static Task<IResult> CreateAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
    {
        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.TeamBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var team = await teams.CreateAsync(principal, body.Name ?? "", context.RequestAborted).ConfigureAwait(false);
        return AdminApi.Created(context, $"/api/v1/admin/teams/{team.Id:D}", TeamView.Of(team), AdminJsonContext.Default.TeamView);
    });

    private static Task<IResult> RenameAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
    {
        if (!AdminApi.TryId(context, "id", out var id))
        {
            return AdminApi.NotFound("team", AdminApi.RouteValue(context, "id"));
        }

        var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.TeamBody).ConfigureAwait(false);
        if (body is null)
        {
            return problem!;
        }

        var team = await teams.RenameAsync(principal, id, body.Name ?? "", context.RequestAborted).ConfigureAwait(false);
        return team is null ? AdminApi.NotFound("team", id.ToString("D")) : TypedResults.Json(TeamView.Of(team), AdminJsonContext.Default.TeamView);
    });

    private static Task<IResult> DeleteAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
        AdminApi.TryId(context, "id", out var id) && await teams.DeleteAsync(principal, id, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : AdminApi.NotFound("team", AdminApi.RouteValue(context, "id")));

    private static Task<IResult> MembersAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
    {
        var members = AdminApi.TryId(context, "id", out var id)
            ? await teams.MembersAsync(principal.TenantId!.Value, id, context.RequestAborted).ConfigureAwait(false)
            : null;
        return members is null
            ? AdminApi.NotFound("team", AdminApi.RouteValue(context, "id"))
            : TypedResults.Json(new MemberList([.. members.Select(m => new MemberView(m.User.Id, m.User.Email, m.User.DisplayName,
                m.Membership.Role is { } role ? AdminApi.RoleText(role) : null))]), AdminJsonContext.Default.MemberList);
    });

    private static Task<IResult> SetMemberAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
    {
        if (!AdminApi.TryId(context, "id", out var id) || !AdminApi.TryId(context, "userId", out var userId))
        {
            return AdminApi.Problem(404, "No such team or user exists in your tenant.");
        }

        UserRole? role = null;
        if (context.Request.HasJsonContentType())
        {
            var (body, problem) = await ApiJson.ReadAsync(context, AdminJsonContext.Default.MemberBody).ConfigureAwait(false);
            if (body is null)
            {
                return problem!;
            }

            if (body.Role is not null)
            {
                if (!AdminApi.TryRole(body.Role, out var parsed))
                {
                    return AdminApi.Problem(400, AdminApi.RoleProblem);
                }

                role = parsed;
            }
        }

        var membership = await teams.SetMemberAsync(principal, id, userId, role, context.RequestAborted).ConfigureAwait(false);
        return membership is null ? AdminApi.Problem(404, "No such team or user exists in your tenant.") : TypedResults.NoContent();
    });

    private static Task<IResult> RemoveMemberAsync(HttpContext context, TeamAdministration teams) => AdminApi.RunAsync(context, async principal =>
        AdminApi.TryId(context, "id", out var id) && AdminApi.TryId(context, "userId", out var userId)
        && await teams.RemoveMemberAsync(principal, id, userId, context.RequestAborted).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : AdminApi.Problem(404, "That user is not a member of such a team in your tenant."));
}
