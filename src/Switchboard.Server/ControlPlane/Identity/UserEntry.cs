using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>A user in the <see cref="IdentitySnapshot"/>, with the principal its access tokens map to (null when disabled).</summary>
internal sealed record UserEntry(Guid Id, Guid TenantId, string Email, UserRole Role, bool Disabled, ApiPrincipal? Principal);
