using System.CommandLine;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard users create</c>: adds a password user to a tenant.</summary>
internal static class UsersCommand
{
    public static Command Create() => new("users", "Manage users.") { CreateCreate() };

    /// <summary>The password as given, or a line from stdin for <c>-</c> (keeps it out of the process list).</summary>
    public static string? ReadPassword(string? value) => value == "-" ? Console.In.ReadLine() : value;

    private static Command CreateCreate()
    {
        var email = new Option<string>("--email") { Description = "Login e-mail (unique within the tenant).", Required = true };
        var password = new Option<string>("--password")
        {
            Description = $"Password, {AccountService.MinimumPasswordLength}+ characters ('-' reads it from stdin).",
            Required = true,
        };
        var role = new Option<string>("--role") { Description = "owner, admin, member or viewer.", DefaultValueFactory = _ => "member" };
        role.AcceptOnlyFromAmong("owner", "admin", "member", "viewer");
        var tenant = new Option<string?>("--tenant") { Description = "The tenant's slug (optional while there is one tenant)." };
        var name = new Option<string?>("--name") { Description = "Display name (default: the part of the e-mail before @)." };
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("create", "Create a user.") { email, password, role, tenant, name, data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var (found, problem) = await accounts.FindTenantAsync(result.GetValue(tenant), ct).ConfigureAwait(false);
            if (found is null)
            {
                await Console.Error.WriteLineAsync(problem).ConfigureAwait(false);
                return 1;
            }

            var newUser = new NewUser(result.GetValue(email)!, ReadPassword(result.GetValue(password)), Enum.Parse<UserRole>(result.GetValue(role)!, true),
                result.GetValue(name));
            var user = await accounts.CreateUserAsync(found.Id, newUser, AuditActor.System, ct).ConfigureAwait(false);
            Console.WriteLine($"Created user {user.Email} ({user.Role.ToString().ToLowerInvariant()}) in tenant '{found.Slug}', id {user.Id}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
