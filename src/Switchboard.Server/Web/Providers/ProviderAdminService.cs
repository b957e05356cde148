using System.Text.Json.Nodes;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing.Policies;
using Switchboard.Server.ControlPlane.Admin.Providers;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Web.Admin;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Providers;

/// <summary>
/// The providers page: the config's providers and aliases with every deployment's live state, and changes to them made
/// through <see cref="GatewayConfigChanges"/> — the admin API's own path, so a change is validated by the gateway's
/// loader, written atomically, applied without a restart and audited with the user as actor. A change returns the
/// validator's problems (nothing was written) or none (applied). <c>providers.manage</c> only: owners and admins of the
/// operator tenant. One per circuit.
/// </summary>
internal sealed class ProviderAdminService(WebUserAccessor users, GatewayConfigChanges changes, GatewayConfigProvider gateway)
{
    /// <summary>The provider types the gateway speaks.</summary>
    public static IReadOnlyList<string> Types => ProviderTypes.All;

    /// <summary>The deployment selection policies an alias may name.</summary>
    public static IReadOnlyList<string> Policies { get; } = [.. SelectionPolicies.ByName.Values.Select(p => p.Name)];

    public async Task<ProvidersView> ReadAsync(CancellationToken cancellationToken)
    {
        await users.RequireAsync(WebPermission.ManageProviders, cancellationToken).ConfigureAwait(false);
        var (providers, models) = await changes.ListAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = gateway.Current;
        var health = snapshot.Options.Health;

        DeploymentStatus? Live(string alias, string provider, string model) =>
            snapshot.Routes.TryGetValue(alias, out var route) && route.Deployments.FirstOrDefault(d => d.Name == provider + "/" + model) is { } deployment
                ? DeploymentStatus.Of(alias, deployment, health)
                : null;

        var aliases = models.OfType<JsonObject>().Select(item =>
        {
            var alias = Text(item, "alias") ?? "";
            var deployments = ConfigDocument.Array(item, "deployments").OfType<JsonObject>().Select((d, i) =>
            {
                var (provider, model) = (Text(d, "provider") ?? "", Text(d, "model") ?? "");
                return new DeploymentItem(i, provider, model, Live(alias, provider, model));
            }).ToList();
            return new AliasItem(alias, Text(item, "policy") ?? SelectionPolicies.Priority.Name, Field(item, "classify") is not null, deployments);
        }).ToList();
        // Models dropped into a llamacpp directory are served as aliases of their own without being in the file.
        var inFile = aliases.Select(a => a.Alias).ToHashSet(StringComparer.Ordinal);
        aliases.AddRange([.. snapshot.RoutesInOrder.Where(r => !inFile.Contains(r.Alias)).Select(r => new AliasItem(r.Alias, r.Policy.Name, false,
            [.. r.Deployments.Select((d, i) => new DeploymentItem(i, d.Provider.Name, d.UpstreamModel, DeploymentStatus.Of(r.Alias, d, health)))], Discovered: true))]);

        var providerItems = providers.OfType<JsonObject>().Select(p => new ProviderItem(Text(p, "name") ?? "", Text(p, "type") ?? ProviderTypes.OpenAi,
            Text(p, "baseUrl"), Text(p, "apiKey"), Field(p, "local") is JsonValue local && local.TryGetValue<bool>(out var isLocal) && isLocal)).ToList();
        return new ProvidersView(providerItems, aliases, gateway.LastError);
    }

    /// <summary>
    /// Creates the provider (<paramref name="create"/>: refused when the name is taken) or updates the form's fields of the
    /// stored one, keeping the fields the form does not show.
    /// </summary>
    public Task<IReadOnlyList<string>> SaveProviderAsync(ProviderForm form, bool create, CancellationToken cancellationToken) =>
        ChangeAsync(async (principal, ct) =>
        {
            var name = form.Name.Trim();
            var (providers, _) = await changes.ListAsync(ct).ConfigureAwait(false);
            var stored = providers.OfType<JsonObject>().FirstOrDefault(p => Text(p, "name") == name);
            if (create == (stored is not null))
            {
                return Refused(create ? $"A provider named '{name}' exists already." : $"The config has no provider named '{name}'.");
            }

            var item = stored?.DeepClone().AsObject() ?? new JsonObject();
            Set(item, "type", form.Type);
            Set(item, "baseUrl", string.IsNullOrWhiteSpace(form.BaseUrl) ? null : form.BaseUrl.Trim());
            // Left empty (or masked), the stored key stays (ConfigDocument.KeepSecrets).
            Set(item, "apiKey", string.IsNullOrWhiteSpace(form.ApiKey) ? null : form.ApiKey.Trim());
            // "local" is written when it is true or was there already, so an untouched provider keeps its file as it was.
            Set(item, "local", form.Local || Field(item, "local") is not null ? JsonValue.Create(form.Local) : null);
            return await changes.PutProviderAsync(principal, name, item, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteProviderAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync((principal, ct) => changes.DeleteProviderAsync(principal, name, ct), cancellationToken);

    /// <summary>
    /// Creates the alias with the form's first deployment (<paramref name="create"/>: refused when the alias exists), or
    /// changes the stored alias's policy, keeping everything else.
    /// </summary>
    public Task<IReadOnlyList<string>> SaveAliasAsync(AliasForm form, bool create, CancellationToken cancellationToken) =>
        ChangeAsync(async (principal, ct) =>
        {
            var alias = form.Alias.Trim();
            var (_, models) = await changes.ListAsync(ct).ConfigureAwait(false);
            var stored = models.OfType<JsonObject>().FirstOrDefault(m => Text(m, "alias") == alias);
            if (create == (stored is not null))
            {
                return Refused(create ? $"An alias named '{alias}' exists already." : $"The config has no alias named '{alias}'.");
            }

            var item = stored?.DeepClone().AsObject() ?? new JsonObject { ["deployments"] = new JsonArray(Deployment(form.Provider ?? "", form.Model ?? "")) };
            Set(item, "policy", form.Policy);
            return await changes.PutAliasAsync(principal, alias, item, ct).ConfigureAwait(false);
        }, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteAliasAsync(string alias, CancellationToken cancellationToken) =>
        ChangeAsync((principal, ct) => changes.DeleteAliasAsync(principal, alias, ct), cancellationToken);

    /// <summary>Adds a deployment at the end of the alias's list (tried last under the priority policy).</summary>
    public Task<IReadOnlyList<string>> AddDeploymentAsync(string alias, string provider, string model, CancellationToken cancellationToken) =>
        ChangeAsync((principal, ct) => changes.AddDeploymentAsync(principal, alias, Deployment(provider, model), ct), cancellationToken);

    public Task<IReadOnlyList<string>> RemoveDeploymentAsync(string alias, int index, CancellationToken cancellationToken) =>
        ChangeAsync((principal, ct) => changes.RemoveDeploymentAsync(principal, alias, index, ct), cancellationToken);

    private async Task<IReadOnlyList<string>> ChangeAsync(Func<ApiPrincipal, CancellationToken, Task<ConfigEditResult>> change,
        CancellationToken cancellationToken)
    {
        var user = await users.RequireAsync(WebPermission.ManageProviders, cancellationToken).ConfigureAwait(false);
        var result = await change(user.Identity!, cancellationToken).ConfigureAwait(false);
        // The same words as the API's 404: the item went away since the page was read.
        return result.Edit is { NotFound: true } missing ? [$"The config has no {missing.Change} named '{missing.Name}'."] : result.Problems;
    }

    /// <summary>A change refused before the editor saw it (nothing was written), in the editor's result shape.</summary>
    private static ConfigEditResult Refused(string problem) => new(null, [problem], null);

    private static JsonObject Deployment(string provider, string model) => new() { ["provider"] = provider.Trim(), ["model"] = model.Trim() };

    private static string? Text(JsonObject item, string field) => ConfigDocument.Text(item, field);

    /// <summary>The field in any case, as the gateway's loader reads it.</summary>
    private static JsonNode? Field(JsonObject item, string field) =>
        item.FirstOrDefault(p => string.Equals(p.Key, field, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Sets (or, with null, removes) a field, dropping its spellings in another case.</summary>
    private static void Set(JsonObject item, string field, JsonNode? value)
    {
        foreach (var key in item.Select(p => p.Key).Where(k => string.Equals(k, field, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            item.Remove(key);
        }

        if (value is not null)
        {
            item[field] = value;
        }
    }
}
