using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>A group of users inside a tenant; API keys and (later) budgets can belong to a team.</summary>
internal sealed class Team : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
