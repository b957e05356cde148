using System.Net;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>A server whose control plane is PostgreSQL: a key revoked by another process stops working on <c>/v1</c> within about a second.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgresGatewayKeyTests(PostgresCluster cluster)
{
    [Fact]
    public async Task KeyRevokedByAnotherProcess_IsRefusedWithinAboutASecond()
    {
        var connection = await cluster.CreateDatabaseAsync();
        await using var stub = await StubUpstream.StartAsync();
        await using var server = await GatewayServer.StartAsync(
            GatewayServer.Config(stub, """[ { "alias": "gpt-test", "deployments": [ { "provider": "stub", "model": "upstream-model" } ] } ]"""),
            adjustOptions: o => o with { DatabaseProvider = ControlPlaneProvider.Postgres, DatabaseConnection = connection });
        var (record, key) = server.CreateKey("short-lived");
        using var client = server.ClientWithKey(key);
        using (var before = await client.GetAsync("v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var other = await ControlPlaneTestServices.StartAsync(new ControlPlaneStorageOptions { Provider = ControlPlaneProvider.Postgres, ConnectionString = connection },
            server.DataDirectory, TimeProvider.System))
        await using (var scope = other.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(record.TenantId, record.Id, AuditActor.System, default);
        }

        var revokedAt = DateTime.UtcNow;
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            using var response = await client.GetAsync("v1/models");
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(2.5), $"refused only after {DateTime.UtcNow - revokedAt}");
    }
}
