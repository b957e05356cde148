using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard keys create | list | revoke</c>: tenant-scoped gateway keys in the control plane. A running server
/// (any process on the same database) picks changes up within a second.
/// </summary>
internal static class KeysCommand
{
    /// <summary>The service account that owns keys created without an owner option.</summary>
    public const string DefaultServiceAccount = "default";

    public static Command Create() => new("keys", "Manage gateway API keys.")
    {
        CreateCreate(),
        CreateList(),
        CreateRevoke(),
    };

    private static Command CreateCreate()
    {
        var name = new Option<string>("--name") { Description = "A name to recognise the key by.", Required = true };
        var models = new Option<string?>("--models") { Description = "Comma-separated aliases the key may use (default: all)." };
        var expires = new Option<string?>("--expires") { Description = "Lifetime (30d, 12h, 90m) or expiry date (2027-01-31)." };
        var route = new Option<string?>("--route")
        {
            Description = "Routing for every request with this key: local-only (never a cloud deployment, whatever the request says), prefer-local, cheapest, fastest.",
        };
        var tenant = new Option<string?>("--tenant") { Description = "The tenant's slug (default: the only tenant; a 'default' tenant is created when there is none)." };
        var ownerUser = new Option<string?>("--owner-user") { Description = "The user (e-mail or id) who owns the key; it acts with their role." };
        var ownerTeam = new Option<string?>("--owner-team") { Description = "The team (name or id) that owns the key; it acts as a member." };
        var serviceAccount = new Option<string?>("--service-account")
        {
            Description = $"The service account (name or id; created as a member when the name is new) that owns the key. Default: '{DefaultServiceAccount}'.",
        };
        var allowFrom = new Option<string?>("--allow-from") { Description = "Comma-separated client networks (CIDR, e.g. 10.0.0.0/8) the key may be used from (default: any)." };
        var rpm = new Option<int?>("--rpm") { Description = "The key's own limit of requests per minute." };
        var tpm = new Option<int?>("--tpm") { Description = "The key's own limit of tokens per minute." };
        var concurrent = new Option<int?>("--concurrent") { Description = "The key's own limit of requests in flight." };
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("create", "Create a key and print it once.")
        {
            name, models, expires, route, tenant, ownerUser, ownerTeam, serviceAccount, allowFrom, rpm, tpm, concurrent, data,
        };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            DateTimeOffset? expiresAt = null;
            if (result.GetValue(expires) is { } text)
            {
                expiresAt = ExpiryParser.Parse(text, DateTimeOffset.UtcNow);
                if (expiresAt is null)
                {
                    Console.Error.WriteLine($"--expires '{text}' is not a lifetime like 30d, 12h, 90m or a date like 2027-01-31");
                    return Task.FromResult(2);
                }
            }

            var routeText = result.GetValue(route)?.Trim().ToLowerInvariant();
            if (routeText is not null && (!Gateway.Routing.RoutePreferences.TryParse(routeText, out var preference) || preference == Gateway.Routing.RoutePreference.None))
            {
                Console.Error.WriteLine($"--route '{routeText}' must be one of local-only, prefer-local, cheapest, fastest");
                return Task.FromResult(2);
            }

            var owners = new[] { result.GetValue(ownerUser), result.GetValue(ownerTeam), result.GetValue(serviceAccount) }.Count(o => o is not null);
            if (owners > 1)
            {
                Console.Error.WriteLine("name at most one owner: --owner-user, --owner-team or --service-account");
                return Task.FromResult(2);
            }

            return ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
            {
                var tenancy = services.GetRequiredService<TenantProvisioning>();
                var found = await tenancy.ResolveAsync(result.GetValue(tenant), AuditActor.System, ct).ConfigureAwait(false);
                var owner = await OwnerAsync(services, tenancy, found.Id, result.GetValue(ownerUser), result.GetValue(ownerTeam), result.GetValue(serviceAccount), ct)
                    .ConfigureAwait(false);
                var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(found.Id, new NewApiKey(result.GetValue(name)!, owner)
                {
                    Models = Split(result.GetValue(models)),
                    Networks = Split(result.GetValue(allowFrom)),
                    Route = routeText,
                    ExpiresAt = expiresAt,
                    RequestsPerMinute = result.GetValue(rpm),
                    TokensPerMinute = result.GetValue(tpm),
                    MaxConcurrentRequests = result.GetValue(concurrent),
                }, AuditActor.System, ct).ConfigureAwait(false);
                var key = created.Key;
                Console.WriteLine(created.Secret);
                await Console.Error.WriteLineAsync($"Created {key.Id} '{key.Name}' in tenant '{found.Slug}' for {KeyOwner.Of(key)} (models: {FormatList(key.AllowedModels)}, " +
                    $"expires: {FormatDate(key.ExpiresAt)}, route: {key.RoutePreference ?? "any"}). The key is shown only now; store it safely.").ConfigureAwait(false);
                return 0;
            }, cancellationToken);
        });
        return command;
    }

    private static Command CreateList()
    {
        var tenant = new Option<string?>("--tenant") { Description = "Only this tenant's keys (default: every tenant's)." };
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("list", "List keys (never the keys themselves).") { tenant, data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var db = services.GetRequiredService<ControlPlaneDbContext>();
            var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Slug, ct).ConfigureAwait(false);
            var keys = db.ApiKeys.AsNoTracking();
            if (result.GetValue(tenant) is { } slug)
            {
                var only = tenants.FirstOrDefault(t => string.Equals(t.Value, slug.Trim(), StringComparison.OrdinalIgnoreCase));
                if (only.Value is null)
                {
                    await Console.Error.WriteLineAsync($"no tenant has the slug '{slug}'").ConfigureAwait(false);
                    return 1;
                }

                keys = keys.Where(k => k.TenantId == only.Key);
            }

            var now = DateTimeOffset.UtcNow;
            Console.WriteLine($"{"ID",-36} {"TENANT",-12} {"NAME",-20} {"KEY",-14} {"STATUS",-8} {"MODELS",-24} {"ROUTE",-12} {"OWNER",-52} {"CREATED",-17} EXPIRES");
            foreach (var k in await keys.OrderBy(k => k.CreatedAt).ToListAsync(ct).ConfigureAwait(false))
            {
                var status = k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active";
                Console.WriteLine($"{k.Id,-36} {tenants.GetValueOrDefault(k.TenantId),-12} {k.Name,-20} {k.KeyPrefix,-14} {status,-8} {FormatList(k.AllowedModels),-24} " +
                    $"{k.RoutePreference ?? "any",-12} {KeyOwner.Of(k),-52} {FormatDate(k.CreatedAt),-17} {FormatDate(k.ExpiresAt)}");
            }

            return 0;
        }, cancellationToken, requireExisting: false));
        return command;
    }

    private static Command CreateRevoke()
    {
        var idOrName = new Argument<string>("id-or-name") { Description = "The key's id or its unique name." };
        var tenant = new Option<string?>("--tenant") { Description = "Look the name up in this tenant only." };
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("revoke", "Revoke a key; requests with it get 401 from then on.") { idOrName, tenant, data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var wanted = result.GetValue(idOrName)!;
            var db = services.GetRequiredService<ControlPlaneDbContext>();
            var candidates = Guid.TryParse(wanted, out var id)
                ? db.ApiKeys.AsNoTracking().Where(k => k.Id == id)
                : db.ApiKeys.AsNoTracking().Where(k => k.Name == wanted);
            if (result.GetValue(tenant) is { } slug)
            {
                var normalized = slug.Trim().ToLowerInvariant();
                candidates = candidates.Where(k => db.Tenants.Any(t => t.Id == k.TenantId && t.Slug == normalized));
            }

            var matches = await candidates.ToListAsync(ct).ConfigureAwait(false);
            if (matches.Count != 1)
            {
                await Console.Error.WriteLineAsync(matches.Count == 0
                    ? $"no key has the id or name '{wanted}'"
                    : $"{matches.Count} keys are named '{wanted}'; revoke by id ({string.Join(", ", matches.Select(k => k.Id))})").ConfigureAwait(false);
                return 1;
            }

            var revoked = await services.GetRequiredService<ApiKeyService>().RevokeAsync(matches[0].TenantId, matches[0].Id, AuditActor.System, ct)
                .ConfigureAwait(false);
            Console.WriteLine($"Revoked {revoked!.Id} '{revoked.Name}'");
            return 0;
        }, cancellationToken));
        return command;
    }

    private static async Task<KeyOwner> OwnerAsync(IServiceProvider services, TenantProvisioning tenancy, Guid tenantId, string? user, string? team,
        string? serviceAccount, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<ControlPlaneDbContext>();
        if (user is not null)
        {
            var email = EmailAddresses.Normalize(user);
            var found = Guid.TryParse(user, out var userId)
                ? await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Id == userId, cancellationToken).ConfigureAwait(false)
                : await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Email == email, cancellationToken).ConfigureAwait(false);
            return found is null ? throw new ControlPlaneValidationException($"the tenant has no user '{user}'") : KeyOwner.User(found.Id);
        }

        if (team is not null)
        {
            var found = Guid.TryParse(team, out var teamId)
                ? await db.Teams.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Id == teamId, cancellationToken).ConfigureAwait(false)
                : await db.Teams.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Name == team, cancellationToken).ConfigureAwait(false);
            return found is null ? throw new ControlPlaneValidationException($"the tenant has no team '{team}'") : KeyOwner.Team(found.Id);
        }

        if (Guid.TryParse(serviceAccount, out var accountId))
        {
            return await db.ServiceAccounts.AnyAsync(s => s.TenantId == tenantId && s.Id == accountId, cancellationToken).ConfigureAwait(false)
                ? KeyOwner.ServiceAccount(accountId)
                : throw new ControlPlaneValidationException($"the tenant has no service account '{serviceAccount}'");
        }

        var account = await tenancy.EnsureServiceAccountAsync(tenantId, serviceAccount ?? DefaultServiceAccount, UserRole.Member, AuditActor.System, cancellationToken)
            .ConfigureAwait(false);
        return KeyOwner.ServiceAccount(account.Id);
    }

    private static string[]? Split(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string FormatList(List<string> values) => values.Count == 0 ? "*" : string.Join(',', values);

    private static string FormatDate(DateTimeOffset? date) =>
        date?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
}
