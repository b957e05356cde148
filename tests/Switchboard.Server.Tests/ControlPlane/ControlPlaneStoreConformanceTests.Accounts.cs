using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.Tests.ControlPlane;

public abstract partial class ControlPlaneStoreConformanceTests
{
    [Fact]
    public async Task Login_RightPassword_IssuesTokensAndStoresOnlyTheRefreshTokensHash()
    {
        var (_, owner) = await BootstrapAsync("acme");

        var result = await LoginAsync("acme", "OWNER@example.com");

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        Assert.StartsWith("sbr-", result.Tokens!.RefreshToken, StringComparison.Ordinal);
        Assert.Equal(900, result.Tokens.ExpiresIn);
        await using var db = ControlPlane.CreateDbContext();
        var stored = await db.RefreshTokens.SingleAsync();
        Assert.Equal(TokenSecrets.Hash(result.Tokens.RefreshToken), stored.TokenHash);
        Assert.Equal((owner.Id, stored.Id), (stored.UserId, stored.FamilyId));
        Assert.Equal(Clock.GetUtcNow(), (await db.Users.SingleAsync()).LastLoginAt);
    }

    [Fact]
    public async Task Login_UnknownTenantOrUser_AndMissingTenantWithSeveral_AreRefused()
    {
        await BootstrapAsync("acme");

        Assert.Equal(LoginOutcome.Succeeded, (await LoginAsync(null!, "owner@example.com")).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync("nope", "owner@example.com")).Outcome);
        Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync("acme", "nobody@example.com")).Outcome);
        await BootstrapAsync("globex");
        Assert.Equal(LoginOutcome.TenantRequired, (await LoginAsync(null!, "owner@example.com")).Outcome);
    }

    [Fact]
    public async Task Refresh_RotatesTheToken_AndReuseOfTheOldOneRevokesTheFamily()
    {
        await BootstrapAsync("acme");
        var first = (await LoginAsync("acme", "owner@example.com")).Tokens!;

        var rotated = await RefreshAsync(first.RefreshToken);
        var replayed = await RefreshAsync(first.RefreshToken);
        var successor = await RefreshAsync(rotated.Tokens!.RefreshToken);

        Assert.Equal(RefreshOutcome.Rotated, rotated.Outcome);
        Assert.NotEqual(first.RefreshToken, rotated.Tokens.RefreshToken);
        Assert.Equal(RefreshOutcome.Reused, replayed.Outcome);
        Assert.Equal(RefreshOutcome.Invalid, successor.Outcome);
        await using var db = ControlPlane.CreateDbContext();
        var family = await db.RefreshTokens.OrderBy(t => t.CreatedAt).ThenBy(t => t.ReplacedById == null).ToListAsync();
        Assert.Equal(2, family.Count);
        Assert.All(family, t => Assert.NotNull(t.RevokedAt));
        Assert.Equal(family[1].Id, family[0].ReplacedById);
        var verification = await ControlPlane.VerifyAuditAsync();
        Assert.True(verification.Intact);
        await using var audit = ControlPlane.CreateDbContext();
        Assert.Equal(1, await audit.AuditEntries.CountAsync(e => e.Action == AuditActions.RefreshTokenReused));
    }

    [Fact]
    public async Task Refresh_SameTokenTwiceAtOnce_OnlyOneRotationWins()
    {
        await BootstrapAsync("acme");
        var first = (await LoginAsync("acme", "owner@example.com")).Tokens!;

        var results = await Task.WhenAll(RefreshAsync(first.RefreshToken), RefreshAsync(first.RefreshToken));

        Assert.Equal([RefreshOutcome.Rotated, RefreshOutcome.Reused], results.Select(r => r.Outcome).Order());
        var winner = results.Single(r => r.Outcome == RefreshOutcome.Rotated).Tokens!;
        Assert.Equal(RefreshOutcome.Invalid, (await RefreshAsync(winner.RefreshToken)).Outcome);
    }

    [Fact]
    public async Task Refresh_AfterTheRefreshLifetime_IsExpired()
    {
        await BootstrapAsync("acme");
        var first = (await LoginAsync("acme", "owner@example.com")).Tokens!;

        Clock.Advance(TimeSpan.FromDays(30));

        Assert.Equal(RefreshOutcome.Expired, (await RefreshAsync(first.RefreshToken)).Outcome);
    }

    [Fact]
    public async Task Logout_RevokesTheSession_AndLeavesOtherSessionsAlone()
    {
        await BootstrapAsync("acme");
        var laptop = (await LoginAsync("acme", "owner@example.com")).Tokens!;
        var phone = (await LoginAsync("acme", "owner@example.com")).Tokens!;

        await ControlPlane.WithAccountsAsync(async accounts =>
        {
            await accounts.LogoutAsync(laptop.RefreshToken, default);
            return 0;
        });

        Assert.Equal(RefreshOutcome.Invalid, (await RefreshAsync(laptop.RefreshToken)).Outcome);
        Assert.Equal(RefreshOutcome.Rotated, (await RefreshAsync(phone.RefreshToken)).Outcome);
    }

    [Fact]
    public async Task Lockout_AfterMaxWrongPasswords_RefusesEvenTheRightOne_UntilItEnds()
    {
        await BootstrapAsync("acme");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(LoginOutcome.InvalidCredentials, (await LoginAsync("acme", "owner@example.com", "wrong password")).Outcome);
        }

        var whileLocked = await LoginAsync("acme", "owner@example.com");
        Clock.Advance(TimeSpan.FromMinutes(15));
        var afterLock = await LoginAsync("acme", "owner@example.com");

        Assert.Equal(LoginOutcome.InvalidCredentials, whileLocked.Outcome);
        Assert.Equal(LoginOutcome.Succeeded, afterLock.Outcome);
        await using var db = ControlPlane.CreateDbContext();
        var user = await db.Users.SingleAsync();
        Assert.Equal((0, null), (user.FailedLoginCount, user.LockedUntil));
        await ControlPlane.Audit.FlushAsync(default);
        var actions = await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => new { e.Action, e.Details }).ToListAsync();
        Assert.Equal(5, actions.Count(a => a.Action == AuditActions.LoginFailed && a.Details!.Contains("bad_password", StringComparison.Ordinal)));
        Assert.Single(actions, a => a.Action == AuditActions.AccountLocked);
        Assert.Single(actions, a => a.Action == AuditActions.LoginFailed && a.Details!.Contains("\"locked\"", StringComparison.Ordinal));
        Assert.Equal(AuditActions.LoginSucceeded, actions[^1].Action);
    }

    [Fact]
    public async Task Login_HashMadeWithOtherParameters_IsReplacedByACurrentOne()
    {
        await BootstrapAsync("acme");
        await using var stronger = await StartServicesAsync(options => options.PasswordHashing.MemoryKiB = 2048);

        var result = await stronger.WithAccountsAsync(accounts => accounts.LoginAsync(new LoginAttempt("acme", "owner@example.com", Password), default));

        Assert.Equal(LoginOutcome.Succeeded, result.Outcome);
        await using var db = ControlPlane.CreateDbContext();
        Assert.StartsWith("$argon2id$v=19$m=2048,t=1,p=1$", (await db.Users.SingleAsync()).PasswordHash, StringComparison.Ordinal);
    }

    private Task<RefreshResult> RefreshAsync(string token) =>
        ControlPlane.WithAccountsAsync(accounts => accounts.RefreshAsync(token, default));
}
