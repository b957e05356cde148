using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// Changes the gateway configuration at run time (<c>providers.manage</c>): <c>GET /api/v1/admin/providers</c> (providers,
/// secrets masked, and aliases), <c>PUT|DELETE /api/v1/admin/providers/{name}</c>, <c>PUT|DELETE /api/v1/admin/models/{alias}</c>,
/// <c>POST /api/v1/admin/models/{alias}/deployments</c>, <c>DELETE /api/v1/admin/models/{alias}/deployments/{index}</c>.
/// Bodies are the config file's own JSON for that item (docs/configuration.md). A change the validator refuses is
/// answered 400 with its messages and nothing is written; an accepted one is written atomically, applied by the hot
/// reload, and audited as <c>config.changed</c> with the names of the changed fields.
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

    private static async Task<IResult> ListAsync(HttpContext context, ConfigFileEditor editor)
    {
        var document = await editor.ReadAsync(context.RequestAborted).ConfigureAwait(false);
        var providers = new JsonArray([.. ConfigDocument.Array(document, "providers").OfType<JsonObject>().Select(ConfigDocument.MaskProvider)]);
        var models = ConfigDocument.Array(document, "models").DeepClone();
        return TypedResults.Text(new JsonObject { ["providers"] = providers, ["models"] = models }.ToJsonString(), "application/json");
    }

    private static Task<IResult> PutProviderAsync(HttpContext context) => EditAsync(context, "name", async (name, _) =>
    {
        var (body, problem) = await BodyAsync(context).ConfigureAwait(false);
        return body is null ? (null, problem) : ((Func<JsonObject, ConfigEdit>)(document =>
        {
            body["name"] = name;
            RemoveCaseVariants(body, "name");
            var providers = ConfigDocument.Array(document, "providers");
            var index = ConfigDocument.IndexOf(providers, "name", name);
            var stored = index < 0 ? null : providers[index] as JsonObject;
            ConfigDocument.KeepSecrets(body, stored);
            var fields = ConfigDocument.ChangedFields(stored, body);
            if (index < 0)
            {
                providers.Add(body);
                return new ConfigEdit("provider.created", name, fields, Created: true);
            }

            providers[index] = body;
            return new ConfigEdit("provider.updated", name, fields);
        }), null);
    });

    private static Task<IResult> DeleteProviderAsync(HttpContext context) => EditAsync(context, "name", (name, _) =>
        Task.FromResult<(Func<JsonObject, ConfigEdit>?, IResult?)>((document => Remove(document, "providers", "name", name, "provider.deleted"), null)));

    private static Task<IResult> PutAliasAsync(HttpContext context) => EditAsync(context, "alias", async (alias, _) =>
    {
        var (body, problem) = await BodyAsync(context).ConfigureAwait(false);
        return body is null ? (null, problem) : ((Func<JsonObject, ConfigEdit>)(document =>
        {
            body["alias"] = alias;
            RemoveCaseVariants(body, "alias");
            var models = ConfigDocument.Array(document, "models");
            var index = ConfigDocument.IndexOf(models, "alias", alias);
            var stored = index < 0 ? null : models[index] as JsonObject;
            var fields = ConfigDocument.ChangedFields(stored, body);
            if (index < 0)
            {
                models.Add(body);
                return new ConfigEdit("alias.created", alias, fields, Created: true);
            }

            models[index] = body;
            return new ConfigEdit("alias.updated", alias, fields);
        }), null);
    });

    private static Task<IResult> DeleteAliasAsync(HttpContext context) => EditAsync(context, "alias", (alias, _) =>
        Task.FromResult<(Func<JsonObject, ConfigEdit>?, IResult?)>((document => Remove(document, "models", "alias", alias, "alias.deleted"), null)));

    private static Task<IResult> AddDeploymentAsync(HttpContext context) => EditAsync(context, "alias", async (alias, _) =>
    {
        var (body, problem) = await BodyAsync(context).ConfigureAwait(false);
        return body is null ? (null, problem) : ((Func<JsonObject, ConfigEdit>)(document =>
        {
            if (AliasOf(document, alias) is not { } route)
            {
                return ConfigEdit.Missing("alias", alias);
            }

            Deployments(route).Add(body);
            return new ConfigEdit("deployment.added", alias, ["deployments"], Created: true);
        }), null);
    });

    private static Task<IResult> RemoveDeploymentAsync(HttpContext context) => EditAsync(context, "alias", (alias, _) =>
    {
        var indexText = AdminApi.RouteValue(context, "index");
        return Task.FromResult<(Func<JsonObject, ConfigEdit>?, IResult?)>(int.TryParse(indexText, out var index) && index >= 0
            ? (document =>
            {
                if (AliasOf(document, alias) is not { } route || index >= Deployments(route).Count)
                {
                    return ConfigEdit.Missing("deployment", $"{alias}[{index}]");
                }

                Deployments(route).RemoveAt(index);
                return new ConfigEdit("deployment.removed", alias, ["deployments"]);
            }, null)
            : (null, AdminApi.Problem(StatusCodes.Status400BadRequest, "The deployment index must be a non-negative integer (its position, from 0).")));
    });

    /// <summary>Validates, writes, reloads and audits one edit; answers 200/201 with the item, 204 for deletions, 400 with the validator's messages, 404.</summary>
    private static Task<IResult> EditAsync(HttpContext context, string routeName,
        Func<string, ApiPrincipal, Task<(Func<JsonObject, ConfigEdit>? Edit, IResult? Problem)>> prepare) => AdminApi.RunAsync(context, async principal =>
    {
        var name = Uri.UnescapeDataString(AdminApi.RouteValue(context, routeName));
        var (edit, problem) = await prepare(name, principal).ConfigureAwait(false);
        if (edit is null)
        {
            return problem!;
        }

        var services = context.RequestServices;
        var editor = services.GetRequiredService<ConfigFileEditor>();
        var result = await editor.EditAsync(edit, services.GetRequiredService<GatewayConfigProvider>(), context.RequestAborted).ConfigureAwait(false);
        var change = result.Edit!;
        if (change.NotFound)
        {
            return AdminApi.Problem(StatusCodes.Status404NotFound, $"The config has no {change.Change} named '{change.Name}'.");
        }

        if (!result.Applied)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The configuration change was refused",
                detail: "The changed configuration would not be valid: " + string.Join("; ", result.Problems),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Problems.ToArray() });
        }

        await services.GetRequiredService<AuditLog>().AppendAsync(new AuditRecord(principal.Actor, AuditActions.ConfigChanged, principal.TenantId,
            $"config:{change.Name}", AuditDetails.Of(("change", change.Change), ("name", change.Name), ("fields", string.Join(',', change.Fields)),
                ("file", editor.Path))), CancellationToken.None).ConfigureAwait(false);
        if (change.Change.EndsWith(".deleted", StringComparison.Ordinal) || change.Change == "deployment.removed")
        {
            return TypedResults.NoContent();
        }

        var item = routeName == "name"
            ? ConfigDocument.MaskProvider((JsonObject)ConfigDocument.Array(result.Document!, "providers")
                [ConfigDocument.IndexOf(ConfigDocument.Array(result.Document!, "providers"), "name", name)]!)
            : ConfigDocument.Array(result.Document!, "models")[ConfigDocument.IndexOf(ConfigDocument.Array(result.Document!, "models"), "alias", name)]!;
        return TypedResults.Text(item.ToJsonString(), "application/json", statusCode: change.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    });

    private static ConfigEdit Remove(JsonObject document, string array, string field, string name, string change)
    {
        var items = ConfigDocument.Array(document, array);
        var index = ConfigDocument.IndexOf(items, field, name);
        if (index < 0)
        {
            return ConfigEdit.Missing(array == "providers" ? "provider" : "alias", name);
        }

        items.RemoveAt(index);
        return new ConfigEdit(change, name, []);
    }

    private static JsonObject? AliasOf(JsonObject document, string alias)
    {
        var models = ConfigDocument.Array(document, "models");
        var index = ConfigDocument.IndexOf(models, "alias", alias);
        return index < 0 ? null : models[index] as JsonObject;
    }

    private static JsonArray Deployments(JsonObject route) => ConfigDocument.Array(route, "deployments");

    private static void RemoveCaseVariants(JsonObject body, string field)
    {
        foreach (var key in body.Select(p => p.Key).Where(k => k != field && string.Equals(k, field, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            body.Remove(key);
        }
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
