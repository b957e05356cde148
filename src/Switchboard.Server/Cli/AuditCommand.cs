using System.CommandLine;
using Switchboard.Server.ControlPlane.Audit;

namespace Switchboard.Server.Cli;

/// <summary><c>switchboard audit verify</c>: walks the hash chain; exit 0 when intact, 1 at the first broken entry.</summary>
internal static class AuditCommand
{
    public static Command Create() => new("audit", "Work with the audit log.") { CreateVerify() };

    private static Command CreateVerify()
    {
        var data = SwitchboardCli.DataOption();
        var database = new DatabaseOptions();
        var command = new Command("verify", "Check that no audit entry was edited or removed.") { data };
        database.AddTo(command);
        command.SetAction((result, cancellationToken) => ControlPlaneCommandHost.RunAsync(result, data, database, async (services, ct) =>
        {
            var verification = await services.GetRequiredService<AuditVerifier>().VerifyAsync(ct).ConfigureAwait(false);
            if (verification.Intact)
            {
                Console.WriteLine($"audit chain intact: {verification.Entries} entries");
                if (verification.HeadHash is not null)
                {
                    Console.WriteLine($"head hash: {verification.HeadHash}");
                }

                return 0;
            }

            Console.WriteLine($"audit chain broken at entry #{verification.BrokenAt}: {verification.Reason}");
            return 1;
        }, cancellationToken, requireExisting: true));
        return command;
    }
}
