using Microsoft.EntityFrameworkCore;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>The SQLite schema and migrations (<c>Migrations/Sqlite</c>). Timestamps are stored as Unix milliseconds.</summary>
internal sealed class SqliteControlPlaneDbContext(DbContextOptions<SqliteControlPlaneDbContext> options) : ControlPlaneDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no timestamp type and EF cannot order or compare DateTimeOffset stored as text.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }
}
