using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresControlPlaneDbContext</c> build the model (no server needed).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresControlPlaneDbContext>
{
    public PostgresControlPlaneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresControlPlaneDbContext>().UseNpgsql("Host=localhost;Database=switchboard_design").Options);
}
