using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Usage;

/// <summary>
/// Where the usage ledger and the stored limits and budgets live: the control plane's database (PostgreSQL), or
/// <c>DATA/usage.db</c> next to <c>control.db</c> (SQLite). What the ledger does (queue, batches, retention) is in
/// the config file's <c>usage</c> section.
/// </summary>
internal sealed class UsageOptions
{
    public const string FileName = "usage.db";

    /// <summary>Holds <c>usage.db</c> (SQLite) and <c>usage-spill/</c> (rows the queue could not hold).</summary>
    public string DataDirectory { get; set; } = "data";

    public ControlPlaneProvider Provider { get; set; } = ControlPlaneProvider.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite it replaces the default file.</summary>
    public string? ConnectionString { get; set; }

    public string SpillDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "usage-spill");

    public string ResolveConnectionString() =>
        Provider == ControlPlaneProvider.Postgres
            ? ConnectionString ?? throw new InvalidOperationException("The PostgreSQL usage store needs a connection string (--db-connection or SWITCHBOARD_DB_CONNECTION).")
            : $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), FileName)}";
}
