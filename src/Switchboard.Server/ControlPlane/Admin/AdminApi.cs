using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin;

/// <summary>Shared pieces of the admin API: running a handler for the caller with refusals turned into ProblemDetails, ids, roles.</summary>
internal static class AdminApi
{
    /// <summary>Runs <paramref name="handler"/> for the request's principal; validation problems become 400, refusals their status.</summary>
    public static async Task<IResult> RunAsync(HttpContext context, Func<ApiPrincipal, Task<IResult>> handler)
    {
        try
        {
            return await handler(ApiPrincipal.Get(context)).ConfigureAwait(false);
        }
        catch (ControlPlaneValidationException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, Sentence(ex.Message));
        }
        catch (ControlPlaneRefusedException ex)
        {
            return Problem(ex.Status, ex.Message);
        }
        catch (DbUpdateException)
        {
            return Problem(StatusCodes.Status409Conflict, "The change conflicts with another one made at the same time; reload and try again.");
        }
    }

    /// <summary>201 with a <c>Location</c> header and the created resource.</summary>
    public static IResult Created<T>(HttpContext context, string location, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        context.Response.Headers.Location = location;
        return TypedResults.Json(value, type, statusCode: StatusCodes.Status201Created);
    }

    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(statusCode: status, detail: detail);

    public static ProblemHttpResult NotFound(string what, string id) => Problem(StatusCodes.Status404NotFound, $"No {what} with the id '{id}' exists in your tenant.");

    public static bool TryId(HttpContext context, string name, out Guid id) =>
        Guid.TryParse(context.Request.RouteValues[name] as string, out id);

    public static string RouteValue(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    /// <summary>Parses <c>owner</c>, <c>admin</c>, <c>member</c> or <c>viewer</c>.</summary>
    public static bool TryRole(string? text, out UserRole role)
    {
        role = default;
        return text is not null && text.Trim().ToLowerInvariant() is "owner" or "admin" or "member" or "viewer"
            && Enum.TryParse(text.Trim(), ignoreCase: true, out role);
    }

    public static string RoleText(UserRole role) => role.ToString().ToLowerInvariant();

    public const string RoleProblem = "'role' must be one of owner, admin, member, viewer.";

    /// <summary>A control-plane message as a sentence: capitalised, ending in a full stop.</summary>
    public static string Sentence(string message) => message.Length == 0 ? message : char.ToUpperInvariant(message[0]) + message[1..] + (message.EndsWith('.') ? "" : ".");
}
