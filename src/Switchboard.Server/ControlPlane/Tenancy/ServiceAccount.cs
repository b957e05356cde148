using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>
/// A non-human caller of a tenant (a CI job, an integration) that owns API keys but cannot log in. Its keys act with
/// <see cref="Role"/> (member unless an administrator chose otherwise).
/// </summary>
internal sealed class ServiceAccount : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    public required string Name { get; set; }

    public UserRole Role { get; set; } = UserRole.Member;

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
