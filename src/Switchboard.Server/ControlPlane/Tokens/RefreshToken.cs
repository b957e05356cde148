using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// One opaque refresh token (only its SHA-256 is stored). Each login starts a family; every refresh
/// revokes the presented token, points <see cref="ReplacedById"/> at its successor and adds the
/// successor to the family. Presenting a replaced token again revokes the whole family.
/// </summary>
internal sealed class RefreshToken : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The id of the login session: the first token's id, shared by all its successors.</summary>
    public Guid FamilyId { get; set; }

    public required string TokenHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public Guid? ReplacedById { get; set; }
}
