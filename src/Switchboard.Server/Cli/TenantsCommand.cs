using System.CommandLine;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard tenants create</c>: the first step of a new installation (optionally with its owner).</summary>
internal static class TenantsCommand
{
    public static Command Create() => new("tenants", "Manage tenants.") { CreateCreate() };

    private static Command CreateCreate()
    {
        var name = new Option<string>("--name") { Description = "Display name, e.g. 'Acme Ltd'.", Required = true };
        var slug = new Option<string>("--slug") { Description = "Short unique name used at login: lower-case letters, digits, hyphens.", Required = true };
        var currency = new Option<string>("--currency") { Description = "RUB or USD.", DefaultValueFactory = _ => "RUB" };
        var ownerEmail = new Option<string?>("--owner-email") { Description = "Also create the tenant's owner with this e-mail." };
        var ownerPassword = new Option<string?>("--owner-password") { Description = "The owner's password ('-' reads it from stdin)." };
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("create", "Create a tenant.") { name, slug, currency, ownerEmail, ownerPassword, data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var tenant = new NewTenant(result.GetValue(name)!, result.GetValue(slug)!, result.GetValue(currency)!);
            if (result.GetValue(ownerEmail) is not { } email)
            {
                var created = await accounts.CreateTenantAsync(tenant, AuditActor.System, ct).ConfigureAwait(false);
                Console.WriteLine($"Created tenant '{created.Slug}' ({created.Name}, {created.Currency}), id {created.Id}");
                return 0;
            }

            if (UsersCommand.ReadPassword(result.GetValue(ownerPassword)) is not { } password)
            {
                await Console.Error.WriteLineAsync("--owner-password is required with --owner-email").ConfigureAwait(false);
                return 2;
            }

            var (withOwner, owner) = await accounts.BootstrapAsync(tenant, new NewUser(email, password, UserRole.Owner), AuditActor.System, ct).ConfigureAwait(false);
            Console.WriteLine($"Created tenant '{withOwner.Slug}' ({withOwner.Name}, {withOwner.Currency}), id {withOwner.Id}, owner {owner.Email}");
            return 0;
        }, cancellationToken));
        return command;
    }
}
