using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>A user's membership of a team, optionally with a role that applies inside the team only.</summary>
internal sealed class TeamMembership : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid TeamId { get; set; }

    public Guid UserId { get; set; }

    public UserRole? Role { get; set; }
}
