using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>
/// The control-plane schema. Code depends on this type; each provider has a derived context that owns
/// its migrations (<see cref="SqliteControlPlaneDbContext"/>, <see cref="PostgresControlPlaneDbContext"/>).
/// Not thread-safe: one instance per unit of work.
/// </summary>
internal abstract class ControlPlaneDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<Team> Teams => Set<Team>();

    public DbSet<User> Users => Set<User>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    public DbSet<ServiceAccount> ServiceAccounts => Set<ServiceAccount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>One row, raised by triggers on every identity change (see <see cref="IdentityChangeCounter"/>).</summary>
    public DbSet<IdentityChangeCounter> IdentityChanges => Set<IdentityChangeCounter>();

    /// <summary>
    /// When set, every query over tenant-owned rows (and tenants) sees only this tenant's rows. Request
    /// code acting for a user sets it from the user's token; system work (login lookup, the CLI, the
    /// audit writer) runs unscoped. Audit entries are never filtered.
    /// </summary>
    public Guid? TenantScope { get; set; }

    /// <summary>
    /// Called inside the transaction that appends audit entries, before the chain's head is read, so that
    /// only one process at a time extends the chain. SQLite needs nothing: its write transactions already
    /// exclude each other.
    /// </summary>
    public virtual Task LockAuditChainAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new TenantConfiguration());
        modelBuilder.ApplyConfiguration(new TeamConfiguration());
        modelBuilder.ApplyConfiguration(new UserConfiguration());
        modelBuilder.ApplyConfiguration(new TeamMembershipConfiguration());
        modelBuilder.ApplyConfiguration(new ServiceAccountConfiguration());
        modelBuilder.ApplyConfiguration(new ApiKeyConfiguration());
        modelBuilder.ApplyConfiguration(new RefreshTokenConfiguration());
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new IdentityChangeCounterConfiguration());

        modelBuilder.Entity<Tenant>().HasQueryFilter(t => TenantScope == null || t.Id == TenantScope);
        ScopeToTenant<Team>(modelBuilder);
        ScopeToTenant<User>(modelBuilder);
        ScopeToTenant<TeamMembership>(modelBuilder);
        ScopeToTenant<ServiceAccount>(modelBuilder);
        ScopeToTenant<ApiKey>(modelBuilder);
        ScopeToTenant<RefreshToken>(modelBuilder);

        SnakeCaseNames.Apply(modelBuilder.Model);
    }

    private void ScopeToTenant<TEntity>(ModelBuilder modelBuilder)
        where TEntity : class, ITenantOwned =>
        modelBuilder.Entity<TEntity>().HasQueryFilter(e => TenantScope == null || e.TenantId == TenantScope);
}
