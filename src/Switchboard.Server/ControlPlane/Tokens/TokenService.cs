using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// Issues token pairs and rotates refresh tokens. A refresh revokes the presented token and links it to its
/// successor in one conditional update, so of two concurrent refreshes with the same token only one wins;
/// the other — like any later replay — counts as reuse and revokes the whole family (the login session).
/// Scoped: one per request.
/// </summary>
internal sealed class TokenService(ControlPlaneDbContext db, AccessTokenIssuer issuer, IOptions<ControlPlaneOptions> options, TimeProvider time)
{
    private readonly TokenOptions _options = options.Value.Tokens;

    /// <summary>Starts a new session (token family) for <paramref name="user"/>.</summary>
    public async Task<TokenPair> IssueAsync(User user, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var pair = AddRefreshToken(user, id, id);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return pair;
    }

    public async Task<RefreshResult> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return new RefreshResult(RefreshOutcome.Invalid);
        }

        if (stored.RevokedAt is not null)
        {
            if (stored.ReplacedById is null)
            {
                return new RefreshResult(RefreshOutcome.Invalid, null, stored.UserId, stored.TenantId);
            }

            await RevokeFamilyAsync(stored.FamilyId, cancellationToken).ConfigureAwait(false);
            return new RefreshResult(RefreshOutcome.Reused, null, stored.UserId, stored.TenantId);
        }

        var now = time.GetUtcNow();
        if (stored.ExpiresAt <= now)
        {
            return new RefreshResult(RefreshOutcome.Expired, null, stored.UserId, stored.TenantId);
        }

        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == stored.UserId, cancellationToken).ConfigureAwait(false);
        if (user is null || user.Disabled)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken).ConfigureAwait(false);
            return new RefreshResult(RefreshOutcome.Invalid, null, stored.UserId, stored.TenantId);
        }

        var successorId = Guid.NewGuid();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var rotated = await db.RefreshTokens
                .Where(t => t.Id == stored.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now).SetProperty(t => t.ReplacedById, successorId), cancellationToken)
                .ConfigureAwait(false);
            if (rotated == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                await RevokeFamilyAsync(stored.FamilyId, cancellationToken).ConfigureAwait(false);
                return new RefreshResult(RefreshOutcome.Reused, null, stored.UserId, stored.TenantId);
            }

            var pair = AddRefreshToken(user, stored.FamilyId, successorId);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new RefreshResult(RefreshOutcome.Rotated, pair, user.Id, user.TenantId);
        }
    }

    /// <summary>Ends the session <paramref name="refreshToken"/> belongs to. Returns the token's row, or null when it is unknown.</summary>
    public async Task<RefreshToken?> RevokeSessionAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var stored = await FindAsync(refreshToken, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    private Task<RefreshToken?> FindAsync(string refreshToken, CancellationToken cancellationToken)
    {
        if (!refreshToken.StartsWith(TokenSecrets.RefreshPrefix, StringComparison.Ordinal) || refreshToken.Length > 128)
        {
            return Task.FromResult<RefreshToken?>(null);
        }

        var hash = TokenSecrets.Hash(refreshToken);
        return db.RefreshTokens.AsNoTracking().FirstOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
    }

    private Task<int> RevokeFamilyAsync(Guid familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return db.RefreshTokens
            .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), cancellationToken);
    }

    private TokenPair AddRefreshToken(User user, Guid familyId, Guid id)
    {
        var now = time.GetUtcNow();
        var refreshToken = TokenSecrets.NewRefreshToken();
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = id,
            TenantId = user.TenantId,
            UserId = user.Id,
            FamilyId = familyId,
            TokenHash = TokenSecrets.Hash(refreshToken),
            CreatedAt = now,
            ExpiresAt = now + _options.RefreshTokenLifetime,
        });
        return new TokenPair(issuer.Create(user), refreshToken, issuer.LifetimeSeconds);
    }
}
