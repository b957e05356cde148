using Microsoft.EntityFrameworkCore;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>The PostgreSQL schema and migrations (<c>Migrations/Postgres</c>). Timestamps are <c>timestamptz</c>.</summary>
internal sealed class PostgresControlPlaneDbContext(DbContextOptions<PostgresControlPlaneDbContext> options) : ControlPlaneDbContext(options)
{
    /// <summary>The advisory-lock key that serialises audit appends across processes ("sbaudit" in ASCII).</summary>
    public const long AuditChainLockKey = 0x73_62_61_75_64_69_74;

    public override Task LockAuditChainAsync(CancellationToken cancellationToken) =>
        // Released automatically when the transaction commits or rolls back.
        Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AuditChainLockKey})", cancellationToken);
}
