using System.CommandLine;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Cli;

/// <summary>
/// The control-plane database options shared by <c>serve</c> and the <c>tenants</c>/<c>users</c>/<c>audit</c>
/// verbs; each falls back to an environment variable.
/// </summary>
internal sealed class DatabaseOptions
{
    public const string ProviderVariable = "SWITCHBOARD_DB_PROVIDER";
    public const string ConnectionVariable = "SWITCHBOARD_DB_CONNECTION";
    public const string SigningKeyVariable = "SWITCHBOARD_JWT_SIGNING_KEY";

    public Option<string> Provider { get; } = new("--db-provider")
    {
        Description = $"Control-plane database: sqlite (DATA/control.db) or postgres. Default: ${ProviderVariable} or sqlite.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ProviderVariable) is { Length: > 0 } value ? value : "sqlite",
    };

    public Option<string?> Connection { get; } = new("--db-connection")
    {
        Description = $"Connection string (required for postgres, e.g. 'Host=db;Database=switchboard;Username=sb;Password=…'). Default: ${ConnectionVariable}.",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value ? value : null,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Connection);
    }

    /// <summary>Reads the provider and connection; false (with a message on stderr) when they cannot work.</summary>
    public bool TryGet(ParseResult result, out ControlPlaneProvider provider, out string? connection)
    {
        connection = result.GetValue(Connection);
        var text = result.GetValue(Provider);
        if (!ControlPlaneStorageOptions.TryParseProvider(text, out provider))
        {
            Console.Error.WriteLine($"--db-provider '{text}' must be sqlite or postgres");
            return false;
        }

        if (provider == ControlPlaneProvider.Postgres && string.IsNullOrWhiteSpace(connection))
        {
            Console.Error.WriteLine($"the PostgreSQL control-plane store needs a connection string (--db-connection or {ConnectionVariable})");
            return false;
        }

        return true;
    }

    public static string? SigningKeyFromEnvironment() =>
        Environment.GetEnvironmentVariable(SigningKeyVariable) is { Length: > 0 } value ? value : null;
}
