using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>
/// A person who logs in to a tenant, with a password (<see cref="PasswordHash"/>, Argon2id) or through an
/// OIDC provider (<see cref="ExternalIssuer"/> + <see cref="ExternalSubject"/>, no password).
/// </summary>
internal sealed class User : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary>Trimmed and lower-cased; unique within the tenant.</summary>
    public required string Email { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>PHC-format Argon2id hash; null for users who only sign in through OIDC.</summary>
    public string? PasswordHash { get; set; }

    public string? ExternalIssuer { get; set; }

    public string? ExternalSubject { get; set; }

    public UserRole Role { get; set; }

    public bool Disabled { get; set; }

    /// <summary>Wrong passwords since the last successful login or lock.</summary>
    public int FailedLoginCount { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }
}
