using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// An API key in the <see cref="IdentitySnapshot"/>: what is checked per request (revocation, expiry, owner, networks)
/// and the principal it acts as.
/// </summary>
internal sealed record KeyEntry(
    ApiPrincipal Principal,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    bool OwnerDisabled,
    NetworkAllowList? Networks);
