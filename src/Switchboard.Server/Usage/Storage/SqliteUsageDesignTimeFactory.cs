using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Server.Usage.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteUsageDbContext</c> build the model.</summary>
internal sealed class SqliteUsageDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUsageDbContext>
{
    public SqliteUsageDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteUsageDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsHistoryTable(UsageDbContext.MigrationsHistoryTable)).Options);
}
