using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Server.Usage.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresUsageDbContext</c> build the model (no server needed).</summary>
internal sealed class PostgresUsageDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUsageDbContext>
{
    public PostgresUsageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresUsageDbContext>()
            .UseNpgsql("Host=localhost;Database=switchboard_design", o => o.MigrationsHistoryTable(UsageDbContext.MigrationsHistoryTable)).Options);
}
