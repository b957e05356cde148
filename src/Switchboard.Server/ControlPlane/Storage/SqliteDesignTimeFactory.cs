using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteControlPlaneDbContext</c> build the model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteControlPlaneDbContext>
{
    public SqliteControlPlaneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteControlPlaneDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
