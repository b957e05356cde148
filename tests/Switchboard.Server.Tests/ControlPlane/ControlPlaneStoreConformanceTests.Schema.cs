using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.Tests.ControlPlane;

public abstract partial class ControlPlaneStoreConformanceTests
{
    [Fact]
    public async Task Migrations_OnAnEmptyDatabase_CreateTheModelWithNothingPending()
    {
        await using var db = ControlPlane.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(2, (await db.Database.GetAppliedMigrationsAsync()).Count());
        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the last migration's snapshot: add a migration");
        Assert.Equal(0, await db.Tenants.CountAsync() + await db.Users.CountAsync() + await db.Teams.CountAsync() + await db.TeamMemberships.CountAsync()
            + await db.ServiceAccounts.CountAsync() + await db.ApiKeys.CountAsync() + await db.RefreshTokens.CountAsync() + await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task Migrations_SecondStartOnTheSameDatabase_ChangeNothing()
    {
        await BootstrapAsync("acme");

        await using var second = await StartServicesAsync();

        await using var db = second.CreateDbContext();
        Assert.Equal("acme", (await db.Tenants.SingleAsync()).Slug);
    }

    [Fact]
    public async Task Tenants_SlugIsUnique_InTheServiceAndInTheDatabase()
    {
        await BootstrapAsync("acme");

        var refused = await Assert.ThrowsAsync<ControlPlaneValidationException>(() => ControlPlane.WithAccountsAsync(accounts =>
            accounts.CreateTenantAsync(new NewTenant("Other", "ACME", "usd"), AuditActor.System, default)));
        await using var db = ControlPlane.CreateDbContext();
        db.Tenants.Add(new Tenant { Id = Guid.NewGuid(), Name = "Other", Slug = "acme", Currency = "USD", CreatedAt = Clock.GetUtcNow() });

        Assert.Contains("a tenant with the slug 'acme' already exists", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Users_EmailIsUniquePerTenant_NotAcrossTenants()
    {
        var (acme, _) = await BootstrapAsync("acme", "anna@example.com");
        var (globex, _) = await BootstrapAsync("globex", "anna@example.com");

        var refused = await Assert.ThrowsAsync<ControlPlaneValidationException>(() => ControlPlane.WithAccountsAsync(accounts =>
            accounts.CreateUserAsync(acme.Id, new NewUser(" Anna@Example.COM ", Password, UserRole.Member), AuditActor.System, default)));
        await using var db = ControlPlane.CreateDbContext();
        db.Users.Add(new User { Id = Guid.NewGuid(), TenantId = acme.Id, Email = "anna@example.com", DisplayName = "dup", CreatedAt = Clock.GetUtcNow() });

        Assert.Contains("already exists in this tenant", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        await using var check = ControlPlane.CreateDbContext();
        var tenants = await check.Users.Where(u => u.Email == "anna@example.com").Select(u => u.TenantId).ToListAsync();
        Assert.Equal(new[] { acme.Id, globex.Id }.Order(), tenants.Order());
    }

    [Fact]
    public async Task TenantScope_LimitsEveryTenantOwnedQueryToThatTenant()
    {
        var (acme, acmeOwner) = await BootstrapAsync("acme");
        var (globex, globexOwner) = await BootstrapAsync("globex");
        await AddTeamKeyAndServiceAccountAsync(acme.Id, acmeOwner.Id);
        await AddTeamKeyAndServiceAccountAsync(globex.Id, globexOwner.Id);
        await LoginAsync("acme", "owner@example.com");
        await LoginAsync("globex", "owner@example.com");

        await using var db = ControlPlane.CreateDbContext();
        db.TenantScope = acme.Id;

        Assert.Equal([acme.Id], await db.Tenants.Select(t => t.Id).ToListAsync());
        Assert.Equal([acmeOwner.Id], await db.Users.Select(u => u.Id).ToListAsync());
        Assert.All(await db.Teams.ToListAsync(), t => Assert.Equal(acme.Id, t.TenantId));
        Assert.All(await db.TeamMemberships.ToListAsync(), m => Assert.Equal(acme.Id, m.TenantId));
        Assert.All(await db.ServiceAccounts.ToListAsync(), s => Assert.Equal(acme.Id, s.TenantId));
        Assert.All(await db.RefreshTokens.ToListAsync(), r => Assert.Equal(acme.Id, r.TenantId));
        Assert.Equal(3, await db.ApiKeys.CountAsync());
        Assert.All(await db.ApiKeys.ToListAsync(), k => Assert.Equal(acme.Id, k.TenantId));
        Assert.Null(await db.Users.FirstOrDefaultAsync(u => u.Id == globexOwner.Id));
        db.TenantScope = null;
        Assert.Equal(6, await db.ApiKeys.CountAsync());
        Assert.Equal(2, await db.Users.CountAsync());
    }

    [Fact]
    public async Task ApiKeys_RoundTripAllFields_AndCompareByExpiry()
    {
        var (acme, owner) = await BootstrapAsync("acme");
        var now = Clock.GetUtcNow();
        await using (var db = ControlPlane.CreateDbContext())
        {
            db.ApiKeys.Add(WithLimits(NewKey(acme.Id, "limited", ownerUserId: owner.Id, expiresAt: now.AddDays(30))));
            db.ApiKeys.Add(NewKey(acme.Id, "expired", ownerUserId: owner.Id, expiresAt: now.AddDays(-1)));
            await db.SaveChangesAsync();
        }

        await using var read = ControlPlane.CreateDbContext();
        var stored = await read.ApiKeys.SingleAsync(k => k.Name == "limited");
        var live = await read.ApiKeys.Where(k => k.ExpiresAt > now && k.RevokedAt == null).OrderBy(k => k.CreatedAt).Select(k => k.Name).ToListAsync();

        Assert.Equal(["chat", "embed"], stored.AllowedModels);
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], stored.AllowedNetworks);
        Assert.Equal("local-only", stored.RoutePreference);
        Assert.Equal((60, 10_000, 4), (stored.RequestsPerMinute!.Value, stored.TokensPerMinute!.Value, stored.MaxConcurrentRequests!.Value));
        Assert.Equal(now.AddDays(30), stored.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, stored.ExpiresAt!.Value.Offset);
        Assert.Equal(["limited"], live);

        stored.RevokedAt = now;
        stored.AllowedModels.Add("code");
        await read.SaveChangesAsync();
        await using var again = ControlPlane.CreateDbContext();
        var revoked = await again.ApiKeys.SingleAsync(k => k.Name == "limited");
        Assert.Equal(now, revoked.RevokedAt);
        Assert.Equal(["chat", "embed", "code"], revoked.AllowedModels);
    }

    [Fact]
    public async Task ApiKeys_NeedExactlyOneOwner_AndAUniqueHash()
    {
        var (acme, owner) = await BootstrapAsync("acme");
        var team = new Team { Id = Guid.NewGuid(), TenantId = acme.Id, Name = "ml", CreatedAt = Clock.GetUtcNow() };
        await using (var db = ControlPlane.CreateDbContext())
        {
            db.Teams.Add(team);
            await db.SaveChangesAsync();
        }

        await AssertRefusedAsync(NewKey(acme.Id, "two owners", ownerUserId: owner.Id, ownerTeamId: team.Id));
        await AssertRefusedAsync(NewKey(acme.Id, "no owner"));
        await using (var db = ControlPlane.CreateDbContext())
        {
            db.ApiKeys.Add(NewKey(acme.Id, "first", ownerTeamId: team.Id, hash: new string('a', 64)));
            await db.SaveChangesAsync();
        }

        await AssertRefusedAsync(NewKey(acme.Id, "same hash", ownerUserId: owner.Id, hash: new string('a', 64)));

        async Task AssertRefusedAsync(ApiKey key)
        {
            await using var db = ControlPlane.CreateDbContext();
            db.ApiKeys.Add(key);
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Teams_DeletingATeam_RemovesItsMembershipsAndKeys()
    {
        var (acme, owner) = await BootstrapAsync("acme");
        var teamId = await AddTeamKeyAndServiceAccountAsync(acme.Id, owner.Id);

        await using (var db = ControlPlane.CreateDbContext())
        {
            Assert.Equal(1, await db.TeamMemberships.CountAsync(m => m.TeamId == teamId && m.Role == UserRole.Admin));
            db.Teams.Remove(await db.Teams.SingleAsync(t => t.Id == teamId));
            await db.SaveChangesAsync();
        }

        await using var check = ControlPlane.CreateDbContext();
        Assert.Equal(0, await check.TeamMemberships.CountAsync());
        Assert.Equal(["sa-key", "user-key"], await check.ApiKeys.OrderBy(k => k.Name).Select(k => k.Name).ToListAsync());
    }

    /// <summary>Adds a team (with the user as admin member), a service account, and one key owned by each of user, team and service account.</summary>
    private async Task<Guid> AddTeamKeyAndServiceAccountAsync(Guid tenantId, Guid userId)
    {
        await using var db = ControlPlane.CreateDbContext();
        var team = new Team { Id = Guid.NewGuid(), TenantId = tenantId, Name = "research", CreatedAt = Clock.GetUtcNow() };
        var account = new ServiceAccount { Id = Guid.NewGuid(), TenantId = tenantId, Name = "ci", CreatedAt = Clock.GetUtcNow() };
        db.Teams.Add(team);
        db.ServiceAccounts.Add(account);
        db.TeamMemberships.Add(new TeamMembership { TenantId = tenantId, TeamId = team.Id, UserId = userId, Role = UserRole.Admin });
        db.ApiKeys.Add(NewKey(tenantId, "user-key", ownerUserId: userId));
        db.ApiKeys.Add(NewKey(tenantId, "team-key", ownerTeamId: team.Id));
        db.ApiKeys.Add(NewKey(tenantId, "sa-key", ownerServiceAccountId: account.Id));
        await db.SaveChangesAsync();
        return team.Id;
    }

    private ApiKey NewKey(Guid tenantId, string name, Guid? ownerUserId = null, Guid? ownerTeamId = null, Guid? ownerServiceAccountId = null,
        DateTimeOffset? expiresAt = null, string? hash = null) => new()
    {
        Id = Guid.NewGuid(),
        TenantId = tenantId,
        Name = name,
        OwnerUserId = ownerUserId,
        OwnerTeamId = ownerTeamId,
        OwnerServiceAccountId = ownerServiceAccountId,
        KeyHash = hash ?? Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        KeyPrefix = "sb-test…",
        CreatedAt = Clock.GetUtcNow(),
        ExpiresAt = expiresAt,
    };

    private static ApiKey WithLimits(ApiKey key)
    {
        key.AllowedModels = ["chat", "embed"];
        key.AllowedNetworks = ["10.0.0.0/8", "2001:db8::/32"];
        key.RoutePreference = "local-only";
        key.RequestsPerMinute = 60;
        key.TokensPerMinute = 10_000;
        key.MaxConcurrentRequests = 4;
        return key;
    }
}
