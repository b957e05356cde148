using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// Changes the gateway configuration at run time (<c>providers.manage</c>): <c>GET /api/v1/admin/providers</c> (providers,
/// secrets masked, and aliases), <c>PUT|DELETE /api/v1/admin/providers/{name}</c>, <c>PUT|DELETE /api/v1/admin/models/{alias}</c>,
/// <c>POST /api/v1/admin/models/{alias}/deployments</c>, <c>DELETE /api/v1/admin/models/{alias}/deployments/{index}</c>.
/// Bodies are the config file's own JSON for that item (docs/configuration.md). The changes themselves are
/// <see cref="GatewayConfigChanges"/>'s (the web application's providers page makes the same ones); here they become
/// HTTP answers: 200/201 with the item, 204 for removals, 400 with the validator's messages (nothing written), 404.
/// </summary>
internal static class AdminProviderEndpoints
{
    private static readonly JsonDocumentOptions BodyOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // Handlers are cast to Delegate: as plain RequestDelegates their results would be discarded.
    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapGet("/providers", ListAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapPut("/providers/{name}", (Delegate)PutProviderAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapDelete("/providers/{name}", (Delegate)DeleteProviderAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapPut("/models/{alias}", (Delegate)PutAliasAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapDelete("/models/{alias}", (Delegate)DeleteAliasAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapPost("/models/{alias}/deployments", (Delegate)AddDeploymentAsync).RequirePermission(Permissions.ProvidersManage);
        admin.MapDelete("/models/{alias}/deployments/{index}", (Delegate)RemoveDeploymentAsync).RequirePermission(Permissions.ProvidersManage);
    }

    private static async Task<IResult> ListAsync(HttpContext context, GatewayConfigChanges changes)
    {
        var (providers, models) = await changes.ListAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Text(new JsonObject { ["providers"] = providers, ["models"] = models }.ToJsonString(), "application/json");
    }

    private static Task<IResult> PutProviderAsync(HttpContext context) => WithBodyAsync(context, "name", (changes, principal, name, body) =>
        changes.PutProviderAsync(principal, name, body, context.RequestAborted));

    private static Task<IResult> DeleteProviderAsync(HttpContext context) => ChangeAsync(context, "name", (changes, principal, name) =>
        changes.DeleteProviderAsync(principal, name, context.RequestAborted));

    private static Task<IResult> PutAliasAsync(HttpContext context) => WithBodyAsync(context, "alias", (changes, principal, alias, body) =>
        changes.PutAliasAsync(principal, alias, body, context.RequestAborted));

    private static Task<IResult> DeleteAliasAsync(HttpContext context) => ChangeAsync(context, "alias", (changes, principal, alias) =>
        changes.DeleteAliasAsync(principal, alias, context.RequestAborted));

    private static Task<IResult> AddDeploymentAsync(HttpContext context) => WithBodyAsync(context, "alias", (changes, principal, alias, body) =>
        changes.AddDeploymentAsync(principal, alias, body, context.RequestAborted));

    private static Task<IResult> RemoveDeploymentAsync(HttpContext context)
    {
        if (!int.TryParse(AdminApi.RouteValue(context, "index"), out var index) || index < 0)
        {
            return Task.FromResult<IResult>(AdminApi.Problem(StatusCodes.Status400BadRequest,
                "The deployment index must be a non-negative integer (its position, from 0)."));
        }

        return ChangeAsync(context, "alias", (changes, principal, alias) => changes.RemoveDeploymentAsync(principal, alias, index, context.RequestAborted));
    }

    private static Task<IResult> WithBodyAsync(HttpContext context, string routeName,
        Func<GatewayConfigChanges, ApiPrincipal, string, JsonObject, Task<ConfigEditResult>> change) => AdminApi.RunAsync(context, async principal =>
    {
        var (body, problem) = await BodyAsync(context).ConfigureAwait(false);
        return body is null ? problem! : await AnswerAsync(context, routeName, (changes, name) => change(changes, principal, name, body)).ConfigureAwait(false);
    });

    private static Task<IResult> ChangeAsync(HttpContext context, string routeName, Func<GatewayConfigChanges, ApiPrincipal, string, Task<ConfigEditResult>> change) =>
        AdminApi.RunAsync(context, principal => AnswerAsync(context, routeName, (changes, name) => change(changes, principal, name)));

    /// <summary>Runs one change on the item the route names and turns its outcome into the answer.</summary>
    private static async Task<IResult> AnswerAsync(HttpContext context, string routeName, Func<GatewayConfigChanges, string, Task<ConfigEditResult>> change)
    {
        var name = Uri.UnescapeDataString(AdminApi.RouteValue(context, routeName));
        var result = await change(context.RequestServices.GetRequiredService<GatewayConfigChanges>(), name).ConfigureAwait(false);
        var edit = result.Edit!;
        if (edit.NotFound)
        {
            return AdminApi.Problem(StatusCodes.Status404NotFound, $"The config has no {edit.Change} named '{edit.Name}'.");
        }

        if (!result.Applied)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The configuration change was refused",
                detail: "The changed configuration would not be valid: " + string.Join("; ", result.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Problems.ToArray() });
        }

        if (edit.Change.EndsWith(".deleted", StringComparison.Ordinal) || edit.Change == "deployment.removed")
        {
            return TypedResults.NoContent();
        }

        var item = routeName == "name" ? GatewayConfigChanges.Provider(result.Document!, name) : GatewayConfigChanges.AliasOf(result.Document!, name);
        return TypedResults.Text(item!.ToJsonString(), "application/json", statusCode: edit.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<(JsonObject? Body, IResult? Problem)> BodyAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, AdminApi.Problem(StatusCodes.Status400BadRequest, "The body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            return JsonNode.Parse(text, documentOptions: BodyOptions) is JsonObject body
                ? (body, null)
                : (null, AdminApi.Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, AdminApi.Problem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {ex.Message}"));
        }
    }
}
