using System.Text.Json.Nodes;
using Switchboard.Gateway.Configuration;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Admin.Providers;

/// <summary>
/// The run-time changes of the gateway config's providers, aliases and deployments, shared by the admin API
/// (<see cref="AdminProviderEndpoints"/>) and the web application's providers page, so both change the config alike:
/// each edit is applied to the file's JSON by <see cref="ConfigFileEditor"/> (validated by the gateway's own loader,
/// written atomically, hot-reloaded — or refused with the validator's messages and nothing written) and, once applied,
/// audited as <c>config.changed</c> with the names of the changed fields, never their values. Items are the config
/// file's own JSON (docs/configuration.md). Callers have checked <c>providers.manage</c>. Singleton; thread-safe.
/// </summary>
internal sealed class GatewayConfigChanges(ConfigFileEditor editor, GatewayConfigProvider gateway, AuditLog audit)
{
    /// <summary>The providers (secrets masked, see <see cref="ConfigDocument.MaskProvider"/>) and the aliases, as the file has them.</summary>
    public async Task<(JsonArray Providers, JsonArray Models)> ListAsync(CancellationToken cancellationToken)
    {
        var document = await editor.ReadAsync(cancellationToken).ConfigureAwait(false);
        var providers = new JsonArray([.. ConfigDocument.Array(document, "providers").OfType<JsonObject>().Select(ConfigDocument.MaskProvider)]);
        return (providers, ConfigDocument.Array(document, "models").DeepClone().AsArray());
    }

    /// <summary>Creates or replaces the provider <paramref name="name"/>; masked or missing secrets keep their stored values.</summary>
    public Task<ConfigEditResult> PutProviderAsync(ApiPrincipal actor, string name, JsonObject provider, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document =>
        {
            SetName(provider, "name", name);
            var providers = ConfigDocument.Array(document, "providers");
            var index = ConfigDocument.IndexOf(providers, "name", name);
            var stored = index < 0 ? null : providers[index] as JsonObject;
            ConfigDocument.KeepSecrets(provider, stored);
            var fields = ConfigDocument.ChangedFields(stored, provider);
            if (index < 0)
            {
                providers.Add(provider);
                return new ConfigEdit("provider.created", name, fields, Created: true);
            }

            providers[index] = provider;
            return new ConfigEdit("provider.updated", name, fields);
        }, cancellationToken);

    public Task<ConfigEditResult> DeleteProviderAsync(ApiPrincipal actor, string name, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document => Remove(document, "providers", "name", name, "provider.deleted"), cancellationToken);

    /// <summary>Creates or replaces the alias <paramref name="alias"/> (its deployments included).</summary>
    public Task<ConfigEditResult> PutAliasAsync(ApiPrincipal actor, string alias, JsonObject route, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document =>
        {
            SetName(route, "alias", alias);
            var models = ConfigDocument.Array(document, "models");
            var index = ConfigDocument.IndexOf(models, "alias", alias);
            var stored = index < 0 ? null : models[index] as JsonObject;
            var fields = ConfigDocument.ChangedFields(stored, route);
            if (index < 0)
            {
                models.Add(route);
                return new ConfigEdit("alias.created", alias, fields, Created: true);
            }

            models[index] = route;
            return new ConfigEdit("alias.updated", alias, fields);
        }, cancellationToken);

    public Task<ConfigEditResult> DeleteAliasAsync(ApiPrincipal actor, string alias, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document => Remove(document, "models", "alias", alias, "alias.deleted"), cancellationToken);

    /// <summary>Appends <paramref name="deployment"/> to the alias's deployments (last in priority).</summary>
    public Task<ConfigEditResult> AddDeploymentAsync(ApiPrincipal actor, string alias, JsonObject deployment, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document =>
        {
            if (AliasOf(document, alias) is not { } route)
            {
                return ConfigEdit.Missing("alias", alias);
            }

            Deployments(route).Add(deployment);
            return new ConfigEdit("deployment.added", alias, ["deployments"], Created: true);
        }, cancellationToken);

    /// <summary>Removes the alias's deployment at <paramref name="index"/> (its position, from 0).</summary>
    public Task<ConfigEditResult> RemoveDeploymentAsync(ApiPrincipal actor, string alias, int index, CancellationToken cancellationToken) =>
        ApplyAsync(actor, document =>
        {
            if (AliasOf(document, alias) is not { } route || index < 0 || index >= Deployments(route).Count)
            {
                return ConfigEdit.Missing("deployment", $"{alias}[{index}]");
            }

            Deployments(route).RemoveAt(index);
            return new ConfigEdit("deployment.removed", alias, ["deployments"]);
        }, cancellationToken);

    /// <summary>The provider <paramref name="name"/> of a changed document, secrets masked; null when it has none.</summary>
    public static JsonObject? Provider(JsonObject document, string name)
    {
        var providers = ConfigDocument.Array(document, "providers");
        var index = ConfigDocument.IndexOf(providers, "name", name);
        return index < 0 ? null : ConfigDocument.MaskProvider((JsonObject)providers[index]!);
    }

    /// <summary>The alias <paramref name="alias"/> of a changed document; null when it has none.</summary>
    public static JsonObject? AliasOf(JsonObject document, string alias)
    {
        var models = ConfigDocument.Array(document, "models");
        var index = ConfigDocument.IndexOf(models, "alias", alias);
        return index < 0 ? null : models[index] as JsonObject;
    }

    private async Task<ConfigEditResult> ApplyAsync(ApiPrincipal actor, Func<JsonObject, ConfigEdit> edit, CancellationToken cancellationToken)
    {
        var result = await editor.EditAsync(edit, gateway, cancellationToken).ConfigureAwait(false);
        if (result.Applied)
        {
            var change = result.Edit!;
            // The file has changed: the audit entry must be written even if the caller has gone away meanwhile.
            await audit.AppendAsync(new AuditRecord(actor.Actor, AuditActions.ConfigChanged, actor.TenantId, $"config:{change.Name}",
                AuditDetails.Of(("change", change.Change), ("name", change.Name), ("fields", string.Join(',', change.Fields)), ("file", editor.Path))),
                CancellationToken.None).ConfigureAwait(false);
        }

        return result;
    }

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

    private static JsonArray Deployments(JsonObject route) => ConfigDocument.Array(route, "deployments");

    /// <summary>Sets the item's name from the address, dropping the same field spelled in another case (the loader would read either).</summary>
    private static void SetName(JsonObject item, string field, string name)
    {
        item[field] = name;
        foreach (var key in item.Select(p => p.Key).Where(k => k != field && string.Equals(k, field, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            item.Remove(key);
        }
    }
}
