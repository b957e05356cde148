using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Tests.ControlPlane;

public abstract partial class ControlPlaneStoreConformanceTests
{
    [Fact]
    public async Task IdentityChanges_EveryIdentityChangeRaisesTheCounter_LoginBookkeepingDoesNot()
    {
        var start = await CounterAsync();
        var (acme, owner) = await BootstrapAsync("acme");
        var afterBootstrap = await CounterAsync();

        await LoginAsync("acme", "owner@example.com");
        await LoginAsync("acme", "owner@example.com", "wrong password");
        var afterLogins = await CounterAsync();

        var key = await CreateKeyAsync(acme.Id, KeyOwner.User(owner.Id));
        var afterKey = await CounterAsync();
        await using (var db = ControlPlane.CreateDbContext())
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, Clock.GetUtcNow()));
        }

        var afterRevoke = await CounterAsync();
        await using (var db = ControlPlane.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, UserRole.Admin));
        }

        var afterRole = await CounterAsync();

        Assert.True(afterBootstrap > start);
        Assert.Equal(afterBootstrap, afterLogins);
        Assert.True(afterKey > afterLogins);
        Assert.True(afterRevoke > afterKey);
        Assert.True(afterRole > afterRevoke);
    }

    [Fact]
    public async Task IdentityDirectory_AKeyRevokedByAnotherProcess_IsRefusedAfterTheNextPoll()
    {
        var (acme, owner) = await BootstrapAsync("acme");
        var key = ApiKeySecrets.NewKey();
        var stored = await CreateKeyAsync(acme.Id, KeyOwner.User(owner.Id), key);
        var directory = ControlPlane.Services.GetRequiredService<IdentityDirectory>();
        await directory.RefreshAsync(default);
        Assert.NotNull(directory.Authenticate(key, IPAddress.Loopback, out _));

        await using (var other = await StartServicesAsync())
        await using (var scope = other.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ApiKeyService>().RevokeAsync(acme.Id, stored.Id, AuditActor.System, default);
        }

        ApiKeyRefusal? refusal = null;
        for (var i = 0; i < 100 && refusal is null; i++)
        {
            // The poll runs on the injected clock: one interval later the snapshot reloads.
            Clock.Advance(IdentityDirectory.RefreshInterval);
            await Task.Delay(50);
            directory.Authenticate(key, IPAddress.Loopback, out refusal);
        }

        Assert.Same(ApiKeyRefusal.Revoked, refusal);
    }

    [Fact]
    public async Task IdentityDirectory_KeysActWithTheirOwnersRole_AndStopWithADisabledOwner()
    {
        var (acme, owner) = await BootstrapAsync("acme");
        var viewer = await ControlPlane.WithAccountsAsync(a => a.CreateUserAsync(acme.Id, new NewUser("viewer@example.com", Password, UserRole.Viewer), AuditActor.System, default));
        await using (var db = ControlPlane.CreateDbContext())
        {
            db.ServiceAccounts.Add(new ServiceAccount { Id = Guid.NewGuid(), TenantId = acme.Id, Name = "ci", Role = UserRole.Admin, CreatedAt = Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        Guid accountId;
        await using (var db = ControlPlane.CreateDbContext())
        {
            accountId = (await db.ServiceAccounts.SingleAsync()).Id;
        }

        var viewerKey = ApiKeySecrets.NewKey();
        var serviceKey = ApiKeySecrets.NewKey();
        await CreateKeyAsync(acme.Id, KeyOwner.User(viewer.Id), viewerKey);
        await CreateKeyAsync(acme.Id, KeyOwner.ServiceAccount(accountId), serviceKey);
        var directory = ControlPlane.Services.GetRequiredService<IdentityDirectory>();
        await directory.RefreshAsync(default);

        Assert.Equal(UserRole.Viewer, directory.Authenticate(viewerKey, IPAddress.Loopback, out _)!.Role);
        Assert.Equal((UserRole.Admin, "admin"), (directory.Authenticate(serviceKey, IPAddress.Loopback, out _)!.Role,
            directory.Authenticate(serviceKey, IPAddress.Loopback, out _)!.Gateway.Role));

        await using (var db = ControlPlane.CreateDbContext())
        {
            await db.Users.Where(u => u.Id == viewer.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true));
        }

        await directory.RefreshAsync(default);
        Assert.Null(directory.Authenticate(viewerKey, IPAddress.Loopback, out var refusal));
        Assert.Contains("owner of this API key is disabled", refusal!.Message, StringComparison.Ordinal);
        Assert.NotNull(owner);
    }

    private async Task<long> CounterAsync()
    {
        await using var db = ControlPlane.CreateDbContext();
        return await db.IdentityChanges.Select(c => c.Version).SingleAsync();
    }

    private async Task<ApiKey> CreateKeyAsync(Guid tenantId, KeyOwner owner, string? secret = null)
    {
        await using var scope = ControlPlane.Services.CreateAsyncScope();
        var keys = scope.ServiceProvider.GetRequiredService<ApiKeyService>();
        var request = new NewApiKey("key-" + Guid.NewGuid().ToString("N")[..6], owner);
        if (secret is not null)
        {
            request = request with { ExistingHash = ApiKeySecrets.Hash(secret), ExistingPrefix = ApiKeySecrets.DisplayPrefix(secret) };
        }

        return (await keys.CreateAsync(tenantId, request, AuditActor.System, default)).Key;
    }
}
