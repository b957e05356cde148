using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// Tenants, users and sessions: creation, password login with lockout, refresh and logout. Every outcome
/// that matters is written to the audit log. Scoped: one per request or command.
/// </summary>
internal sealed class AccountService(
    ControlPlaneDbContext db,
    PasswordHasher passwords,
    TokenService tokens,
    AuditLog audit,
    IOptions<ControlPlaneOptions> options,
    TimeProvider time)
{
    public const int MinimumPasswordLength = 8;
    public const int MaximumPasswordLength = 1024;

    private readonly LockoutOptions _lockout = options.Value.Lockout;

    public async Task<Tenant> CreateTenantAsync(NewTenant tenant, AuditActor actor, CancellationToken cancellationToken)
    {
        var created = await AddTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditTenantCreatedAsync(created, actor).ConfigureAwait(false);
        return created;
    }

    /// <summary>Creates a tenant and its first user (role owner) together: both or neither.</summary>
    public async Task<(Tenant Tenant, User Owner)> BootstrapAsync(NewTenant tenant, NewUser owner, AuditActor actor, CancellationToken cancellationToken)
    {
        var created = await AddTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
        var user = await AddUserAsync(created.Id, owner with { Role = UserRole.Owner }, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditTenantCreatedAsync(created, actor).ConfigureAwait(false);
        await AuditUserCreatedAsync(user, actor).ConfigureAwait(false);
        return (created, user);
    }

    public async Task<User> CreateUserAsync(Guid tenantId, NewUser user, AuditActor actor, CancellationToken cancellationToken)
    {
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException("the tenant does not exist");
        }

        var created = await AddUserAsync(tenantId, user, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditUserCreatedAsync(created, actor).ConfigureAwait(false);
        return created;
    }

    /// <summary>The tenant with this slug; without a slug, the only tenant. Null with a reason when there is none.</summary>
    public async Task<(Tenant? Tenant, string? Problem)> FindTenantAsync(string? slug, CancellationToken cancellationToken)
    {
        var (tenant, ambiguous) = await LookUpTenantAsync(slug, cancellationToken).ConfigureAwait(false);
        return tenant is not null ? (tenant, null)
            : ambiguous ? (null, "this server has several tenants; name one")
            : string.IsNullOrWhiteSpace(slug) ? (null, "there are no tenants yet; create one with 'switchboard tenants create'")
            : (null, $"no tenant has the slug '{slug.Trim().ToLowerInvariant()}'");
    }

    public async Task<LoginResult> LoginAsync(LoginAttempt attempt, CancellationToken cancellationToken)
    {
        var (tenant, ambiguous) = await LookUpTenantAsync(attempt.TenantSlug, cancellationToken).ConfigureAwait(false);
        if (ambiguous)
        {
            return new LoginResult(LoginOutcome.TenantRequired);
        }

        var email = EmailAddresses.Normalize(attempt.Email);
        var user = tenant is null ? null
            : await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenant.Id && u.Email == email, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var refusal = user switch
        {
            null when tenant is null => "unknown_tenant",
            null => "unknown_user",
            { PasswordHash: null } => "no_password",
            { Disabled: true } => "disabled",
            _ when user.LockedUntil > now => "locked",
            _ => null,
        };
        if (refusal is not null)
        {
            // The same work as a real check, so the answer's timing does not tell these cases apart.
            passwords.VerifyDummy(attempt.Password);
            await AuditLoginFailedAsync(tenant?.Id, user?.Id, email, refusal, attempt.ClientAddress).ConfigureAwait(false);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        var verification = passwords.Verify(user!.PasswordHash!, attempt.Password);
        if (verification == PasswordVerification.Failed)
        {
            await RecordFailureAsync(user, now, cancellationToken).ConfigureAwait(false);
            await AuditLoginFailedAsync(tenant!.Id, user.Id, email, "bad_password", attempt.ClientAddress).ConfigureAwait(false);
            return new LoginResult(LoginOutcome.InvalidCredentials);
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.PasswordHash = passwords.Hash(attempt.Password);
        }

        user.FailedLoginCount = 0;
        user.LockedUntil = null;
        user.LastLoginAt = now;
        // The token service shares this scope's context: its save stores these changes with the new session.
        var pair = await tokens.IssueAsync(user, cancellationToken).ConfigureAwait(false);
        await AppendAsync(new AuditRecord(AuditActor.User(user.Id), AuditActions.LoginSucceeded, user.TenantId, Target(user),
            AuditDetails.Of(("email", email), ("ip", attempt.ClientAddress)))).ConfigureAwait(false);
        return new LoginResult(LoginOutcome.Succeeded, pair);
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var result = await tokens.RefreshAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (result.Outcome == RefreshOutcome.Reused)
        {
            await AppendAsync(new AuditRecord(AuditActor.Anonymous, AuditActions.RefreshTokenReused, result.TenantId,
                $"user:{result.UserId:D}", AuditDetails.Of(("effect", "session revoked")))).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Revokes the session of <paramref name="refreshToken"/>; unknown tokens are ignored.</summary>
    public async Task LogoutAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var token = await tokens.RevokeSessionAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (token is not null)
        {
            await AppendAsync(new AuditRecord(AuditActor.User(token.UserId), AuditActions.Logout, token.TenantId, $"user:{token.UserId:D}"))
                .ConfigureAwait(false);
        }
    }

    private async Task RecordFailureAsync(User user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Atomic in the database, so concurrent wrong guesses all count.
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, u => u.FailedLoginCount + 1), cancellationToken)
            .ConfigureAwait(false);
        var lockedUntil = now + _lockout.Duration;
        var locked = await db.Users.Where(u => u.Id == user.Id && u.FailedLoginCount >= _lockout.MaxFailedAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.FailedLoginCount, 0).SetProperty(u => u.LockedUntil, lockedUntil), cancellationToken)
            .ConfigureAwait(false);
        if (locked > 0)
        {
            await AppendAsync(new AuditRecord(AuditActor.System, AuditActions.AccountLocked, user.TenantId, Target(user),
                AuditDetails.Of(("until", lockedUntil.ToString("O", System.Globalization.CultureInfo.InvariantCulture))))).ConfigureAwait(false);
        }
    }

    private async Task<(Tenant? Tenant, bool Ambiguous)> LookUpTenantAsync(string? slug, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(slug))
        {
            var normalized = slug.Trim().ToLowerInvariant();
            return (await db.Tenants.FirstOrDefaultAsync(t => t.Slug == normalized, cancellationToken).ConfigureAwait(false), false);
        }

        var firstTwo = await db.Tenants.OrderBy(t => t.CreatedAt).Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
        return (firstTwo.Count == 1 ? firstTwo[0] : null, firstTwo.Count > 1);
    }

    private async Task<Tenant> AddTenantAsync(NewTenant tenant, CancellationToken cancellationToken)
    {
        var name = tenant.Name.Trim();
        var slug = tenant.Slug.Trim().ToLowerInvariant();
        if (name.Length is 0 or > 200)
        {
            throw new ControlPlaneValidationException("the tenant name must be 1-200 characters");
        }

        if (!TenantSlugs.IsValid(slug))
        {
            throw new ControlPlaneValidationException($"the slug '{slug}' must be 1-63 lower-case letters, digits or hyphens, starting with a letter or digit");
        }

        if (!Currencies.TryNormalize(tenant.Currency, out var currency))
        {
            throw new ControlPlaneValidationException($"the currency '{tenant.Currency}' must be RUB or USD");
        }

        if (await db.Tenants.AnyAsync(t => t.Slug == slug, cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException($"a tenant with the slug '{slug}' already exists");
        }

        var created = new Tenant { Id = Guid.NewGuid(), Name = name, Slug = slug, Currency = currency, CreatedAt = time.GetUtcNow() };
        db.Tenants.Add(created);
        return created;
    }

    private async Task<User> AddUserAsync(Guid tenantId, NewUser user, CancellationToken cancellationToken)
    {
        var email = EmailAddresses.Normalize(user.Email);
        if (!EmailAddresses.IsValid(email))
        {
            throw new ControlPlaneValidationException($"'{user.Email}' is not an e-mail address");
        }

        if (user.Password is { } password && password.Length is < MinimumPasswordLength or > MaximumPasswordLength)
        {
            throw new ControlPlaneValidationException($"the password must be {MinimumPasswordLength}-{MaximumPasswordLength} characters");
        }

        if (await db.Users.AnyAsync(u => u.TenantId == tenantId && u.Email == email, cancellationToken).ConfigureAwait(false))
        {
            throw new ControlPlaneValidationException($"a user with the e-mail '{email}' already exists in this tenant");
        }

        var created = new User
        {
            Id = Guid.NewGuid(),
            TenantId = tenantId,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? email[..email.IndexOf('@', StringComparison.Ordinal)] : user.DisplayName.Trim(),
            PasswordHash = user.Password is null ? null : passwords.Hash(user.Password),
            ExternalIssuer = user.External?.Issuer,
            ExternalSubject = user.External?.Subject,
            Role = user.Role,
            CreatedAt = time.GetUtcNow(),
        };
        db.Users.Add(created);
        return created;
    }

    private ValueTask AuditTenantCreatedAsync(Tenant tenant, AuditActor actor) =>
        AppendAsync(new AuditRecord(actor, AuditActions.TenantCreated, tenant.Id, $"tenant:{tenant.Id:D}",
            AuditDetails.Of(("slug", tenant.Slug), ("name", tenant.Name), ("currency", tenant.Currency))));

    private ValueTask AuditUserCreatedAsync(User user, AuditActor actor) =>
        AppendAsync(new AuditRecord(actor, AuditActions.UserCreated, user.TenantId, Target(user),
            AuditDetails.Of(("email", user.Email), ("role", user.Role.ToString().ToLowerInvariant()))));

    private ValueTask AuditLoginFailedAsync(Guid? tenantId, Guid? userId, string email, string reason, string? clientAddress) =>
        AppendAsync(new AuditRecord(AuditActor.Anonymous, AuditActions.LoginFailed, tenantId, userId is null ? null : $"user:{userId:D}",
            AuditDetails.Of(("email", email), ("reason", reason), ("ip", clientAddress))));

    // Not the caller's token: an action that happened is audited even when the caller has gone away.
    private ValueTask AppendAsync(AuditRecord record) => audit.AppendAsync(record, CancellationToken.None);

    private static string Target(User user) => $"user:{user.Id:D}";
}
