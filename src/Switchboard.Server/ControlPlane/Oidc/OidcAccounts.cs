using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Identity;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>
/// Turns a validated ID token into a Switchboard user: the tenant from the configured claim or slug (or the only
/// tenant); the user found by issuer + subject, else an existing password user with the same e-mail linked when the
/// provider vouches for the address (<c>email_verified</c>), else a new user with the default role and no password.
/// Disabled users are refused. Scoped.
/// </summary>
internal sealed class OidcAccounts(ControlPlaneDbContext db, AccountService accounts, AuditLog audit, IdentityDirectory directory,
    IOptions<ControlPlaneOptions> options, TimeProvider time)
{
    private readonly OidcOptions _options = options.Value.Oidc;

    public async Task<User> SignInAsync(IDictionary<string, object> claims, string? clientAddress, CancellationToken cancellationToken)
    {
        var issuer = _options.Issuer!;
        var subject = Claim(claims, "sub") ?? throw new OidcException(StatusCodes.Status401Unauthorized, "The ID token has no subject ('sub').");
        var tenant = await TenantAsync(claims, cancellationToken).ConfigureAwait(false);
        var email = Claim(claims, _options.EmailClaim) is { } raw ? EmailAddresses.Normalize(raw) : null;

        var user = await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenant.Id && u.ExternalIssuer == issuer && u.ExternalSubject == subject,
            cancellationToken).ConfigureAwait(false);
        if (user is null && email is not null && IsTrue(claims, "email_verified"))
        {
            user = await db.Users.FirstOrDefaultAsync(u => u.TenantId == tenant.Id && u.Email == email && u.ExternalSubject == null, cancellationToken)
                .ConfigureAwait(false);
            if (user is not null)
            {
                user.ExternalIssuer = issuer;
                user.ExternalSubject = subject;
                await audit.AppendAsync(new AuditRecord(AuditActor.System, AuditActions.UserLinked, tenant.Id, $"user:{user.Id:D}",
                    AuditDetails.Of(("email", email), ("issuer", issuer))), CancellationToken.None).ConfigureAwait(false);
            }
        }

        if (user is null)
        {
            if (email is null || !EmailAddresses.IsValid(email))
            {
                throw new OidcException(StatusCodes.Status400BadRequest,
                    $"The identity provider did not send an e-mail address in the claim '{_options.EmailClaim}' (request the 'email' scope), so no account can be created.");
            }

            try
            {
                user = await accounts.CreateUserAsync(tenant.Id, new NewUser(email, null, _options.DefaultRole, Claim(claims, "name"))
                {
                    External = (issuer, subject),
                }, AuditActor.System, cancellationToken).ConfigureAwait(false);
            }
            catch (ControlPlaneValidationException ex)
            {
                throw new OidcException(StatusCodes.Status409Conflict, $"No account could be created for {email}: {ex.Message}.");
            }
        }

        if (user.Disabled)
        {
            await audit.AppendAsync(new AuditRecord(AuditActor.Anonymous, AuditActions.LoginFailed, tenant.Id, $"user:{user.Id:D}",
                AuditDetails.Of(("email", user.Email), ("reason", "disabled"), ("method", "oidc"), ("ip", clientAddress))), CancellationToken.None).ConfigureAwait(false);
            throw new OidcException(StatusCodes.Status401Unauthorized, "This account is disabled.");
        }

        user.LastLoginAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await directory.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new AuditRecord(AuditActor.User(user.Id), AuditActions.LoginSucceeded, tenant.Id, $"user:{user.Id:D}",
            AuditDetails.Of(("email", user.Email), ("method", "oidc"), ("ip", clientAddress))), CancellationToken.None).ConfigureAwait(false);
        return user;
    }

    private async Task<Tenant> TenantAsync(IDictionary<string, object> claims, CancellationToken cancellationToken)
    {
        var slug = _options.TenantClaim is { } claim ? Claim(claims, claim) ?? _options.Tenant : _options.Tenant;
        var (tenant, problem) = await accounts.FindTenantAsync(slug, cancellationToken).ConfigureAwait(false);
        return tenant ?? throw new OidcException(StatusCodes.Status403Forbidden, $"No tenant for this sign-in: {problem}.");
    }

    private static string? Claim(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) ? value switch
        {
            string text when text.Length > 0 => text,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString(),
            _ => null,
        } : null;

    private static bool IsTrue(IDictionary<string, object> claims, string name) =>
        claims.TryGetValue(name, out var value) && value switch
        {
            bool flag => flag,
            string text => string.Equals(text, "true", StringComparison.OrdinalIgnoreCase),
            JsonElement element => element.ValueKind == JsonValueKind.True,
            _ => false,
        };
}
