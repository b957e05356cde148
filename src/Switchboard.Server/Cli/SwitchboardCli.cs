using System.CommandLine;

namespace Switchboard.Server.Cli;

/// <summary>
/// The <c>switchboard</c> command line: <c>serve</c>, <c>keys</c>, <c>config</c>, <c>model</c>, <c>eval</c>, <c>ingest</c>,
/// <c>tenants</c>, <c>users</c>, <c>audit</c>.
/// </summary>
internal static class SwitchboardCli
{
    public static RootCommand CreateRootCommand() =>
        new("Switchboard — a self-hosted AI gateway, knowledge base and agent platform.")
        {
            ServeCommand.Create(),
            KeysCommand.Create(),
            ConfigCommand.Create(),
            ModelCommand.Create(),
            EvalCommand.Create(),
            IngestCommand.Create(),
            TenantsCommand.Create(),
            UsersCommand.Create(),
            AuditCommand.Create(),
            LimitsCommand.Create(),
            BudgetsCommand.Create(),
        };

    public static Option<string> DataOption() => new("--data")
    {
        Description = "Data directory (SQLite database and other state).",
        DefaultValueFactory = _ => "data",
    };

    public static Option<string> ConfigOption() => new("--config")
    {
        Description = "Gateway config file (JSON; hot-reloaded). See docs/configuration.md.",
        DefaultValueFactory = _ => "switchboard.json",
    };
}
