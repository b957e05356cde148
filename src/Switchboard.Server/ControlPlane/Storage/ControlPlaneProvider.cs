namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>Where the control plane keeps its data.</summary>
internal enum ControlPlaneProvider
{
    /// <summary>An embedded SQLite file under the data directory (the default).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by every process of a cluster.</summary>
    Postgres,
}
