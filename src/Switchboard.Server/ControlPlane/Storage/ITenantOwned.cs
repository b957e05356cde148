namespace Switchboard.Server.ControlPlane.Storage;

/// <summary>A row that belongs to one tenant; <see cref="ControlPlaneDbContext.TenantScope"/> filters these.</summary>
internal interface ITenantOwned
{
    Guid TenantId { get; }
}
