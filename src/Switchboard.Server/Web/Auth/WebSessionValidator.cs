using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.Web.Auth;

/// <summary>
/// Decides whether a web session still stands: not past its expiry, its refresh-token family not revoked (logout,
/// reuse detection), the user neither deleted nor disabled, and the role unchanged (a new role needs a new login, so the
/// page never shows more than the user may do). One database round trip per check. Thread-safe.
/// </summary>
internal sealed class WebSessionValidator(IDbContextFactory<ControlPlaneDbContext> contexts, TimeProvider time)
{
    public async Task<bool> IsValidAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var user = WebUser.From(principal);
        var now = time.GetUtcNow();
        if (user is null || WebUser.ExpiresAt(principal) is not { } expires || expires <= now
            || principal.FindFirstValue(WebAuth.SessionClaim) is not { } refreshToken)
        {
            return false;
        }

        var hash = TokenSecrets.Hash(refreshToken);
        var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using (db.ConfigureAwait(false))
        {
            db.TenantScope = user.TenantId;
            var session = await db.RefreshTokens.AsNoTracking().Where(t => t.TokenHash == hash && t.UserId == user.UserId)
                .Select(t => new { t.RevokedAt, t.ExpiresAt }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (session is null || session.RevokedAt is not null || session.ExpiresAt <= now)
            {
                return false;
            }

            var stored = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId).Select(u => new { u.Disabled, u.Role })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return stored is { Disabled: false } && stored.Role == user.Role;
        }
    }
}
