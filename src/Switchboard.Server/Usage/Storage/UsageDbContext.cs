using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Usage.Storage;

/// <summary>
/// The usage schema: the ledger and the stored limits and budgets. Separate from the control plane's context
/// (its own migrations and migrations-history table, <c>__usage_migrations_history</c>) so the two evolve
/// independently, on one PostgreSQL database or in two SQLite files (<c>usage.db</c> keeps the ledger's writes
/// away from <c>control.db</c>). Each provider has a derived context owning its migrations, as in ADR 008.
/// Not thread-safe: one instance per unit of work.
/// </summary>
internal abstract class UsageDbContext(DbContextOptions options) : DbContext(options)
{
    public const string MigrationsHistoryTable = "__usage_migrations_history";

    public DbSet<UsageRecord> UsageRecords => Set<UsageRecord>();

    public DbSet<LimitRow> Limits => Set<LimitRow>();

    public DbSet<BudgetRow> Budgets => Set<BudgetRow>();

    /// <summary>
    /// Inserts ledger rows in one transaction without change tracking, the fastest way each database offers (a prepared
    /// statement on SQLite, binary <c>COPY</c> on PostgreSQL): the ledger writer's path, where the cost per row is CPU
    /// taken from the requests on the same machine.
    /// </summary>
    public abstract Task InsertAsync(IReadOnlyList<Gateway.Accounting.UsageEntry> rows, CancellationToken cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UsageRecordConfiguration());
        modelBuilder.ApplyConfiguration(new LimitRowConfiguration());
        modelBuilder.ApplyConfiguration(new BudgetRowConfiguration());
        SnakeCaseNames.Apply(modelBuilder.Model);
    }
}
