namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>
/// Which database the control plane uses. Without a connection string, SQLite uses
/// <c>DATA/control.db</c>; PostgreSQL always needs one.
/// </summary>
internal sealed class ControlPlaneStorageOptions
{
    public const string FileName = "control.db";

    public ControlPlaneProvider Provider { get; set; } = ControlPlaneProvider.Sqlite;

    public string? ConnectionString { get; set; }

    /// <summary>Reads <c>sqlite</c>, <c>postgres</c> or <c>postgresql</c> (any case).</summary>
    public static bool TryParseProvider(string? text, out ControlPlaneProvider provider)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "sqlite":
                provider = ControlPlaneProvider.Sqlite;
                return true;
            case "postgres" or "postgresql":
                provider = ControlPlaneProvider.Postgres;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>The connection string to use, with the SQLite default filled in from <paramref name="dataDirectory"/>.</summary>
    public string ResolveConnectionString(string dataDirectory) =>
        !string.IsNullOrWhiteSpace(ConnectionString) ? ConnectionString
        : Provider == ControlPlaneProvider.Sqlite ? $"Data Source={Path.Combine(Path.GetFullPath(dataDirectory), FileName)}"
        : throw new InvalidOperationException("The PostgreSQL control-plane store needs a connection string (--db-connection or SWITCHBOARD_DB_CONNECTION).");
}
