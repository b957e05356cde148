using System.CommandLine;
using System.Globalization;
using Switchboard.Server.Keys;
using Switchboard.Server.Storage;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard keys create | list | revoke</c>. A running server picks changes up within a second.</summary>
internal static class KeysCommand
{
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
        var data = SwitchboardCli.DataOption();
        var command = new Command("create", "Create a key and print it once.") { name, models, expires, route, data };
        command.SetAction(result =>
        {
            var now = DateTimeOffset.UtcNow;
            DateTimeOffset? expiresAt = null;
            if (result.GetValue(expires) is { } text)
            {
                expiresAt = ExpiryParser.Parse(text, now);
                if (expiresAt is null)
                {
                    Console.Error.WriteLine($"--expires '{text}' is not a lifetime like 30d, 12h, 90m or a date like 2027-01-31");
                    return 2;
                }
            }

            var routeText = result.GetValue(route)?.Trim().ToLowerInvariant();
            if (routeText is not null && (!Gateway.Routing.RoutePreferences.TryParse(routeText, out var preference) || preference == Gateway.Routing.RoutePreference.None))
            {
                Console.Error.WriteLine($"--route '{routeText}' must be one of local-only, prefer-local, cheapest, fastest");
                return 2;
            }

            var modelList = result.GetValue(models)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var store = OpenStore(result.GetValue(data)!);
            var (record, key) = store.Create(result.GetValue(name)!, modelList, expiresAt, routeText);
            Console.WriteLine(key);
            Console.Error.WriteLine($"Created {record.Id} '{record.Name}' (models: {FormatModels(record)}, expires: {FormatDate(record.ExpiresAt)}, route: {record.Route ?? "any"}). " +
                                    "The key is shown only now; store it safely.");
            return 0;
        });
        return command;
    }

    private static Command CreateList()
    {
        var data = SwitchboardCli.DataOption();
        var command = new Command("list", "List keys (never the keys themselves).") { data };
        command.SetAction(result =>
        {
            var now = DateTimeOffset.UtcNow;
            var keys = OpenStore(result.GetValue(data)!).List();
            Console.WriteLine($"{"ID",-16} {"NAME",-20} {"KEY",-14} {"STATUS",-8} {"MODELS",-24} {"ROUTE",-12} {"CREATED",-17} EXPIRES");
            foreach (var k in keys)
            {
                Console.WriteLine($"{k.Id,-16} {k.Name,-20} {k.KeyPrefix,-14} {k.StatusAt(now),-8} {FormatModels(k),-24} {k.Route ?? "any",-12} {FormatDate(k.CreatedAt),-17} {FormatDate(k.ExpiresAt)}");
            }

            return 0;
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var idOrName = new Argument<string>("id-or-name") { Description = "The key's id (key_…) or its unique name." };
        var data = SwitchboardCli.DataOption();
        var command = new Command("revoke", "Revoke a key; requests with it get 401 from then on.") { idOrName, data };
        command.SetAction(result =>
        {
            var (revoked, problem) = OpenStore(result.GetValue(data)!).Revoke(result.GetValue(idOrName)!);
            if (revoked is null)
            {
                Console.Error.WriteLine(problem);
                return 1;
            }

            Console.WriteLine($"Revoked {revoked.Id} '{revoked.Name}'");
            return 0;
        });
        return command;
    }

    private static ApiKeyStore OpenStore(string dataDirectory) => new(new SwitchboardDatabase(dataDirectory), TimeProvider.System);

    private static string FormatModels(ApiKeyRecord key) => key.Models is null ? "*" : string.Join(',', key.Models);

    private static string FormatDate(DateTimeOffset? date) =>
        date?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "never";
}
