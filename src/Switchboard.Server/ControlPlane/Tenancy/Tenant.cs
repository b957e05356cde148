namespace Switchboard.Server.ControlPlane.Tenancy;

/// <summary>An organisation using Switchboard; every other control-plane row belongs to one.</summary>
internal sealed class Tenant
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Short unique name used at login and in URLs (<c>acme</c>).</summary>
    public required string Slug { get; set; }

    /// <summary>ISO 4217 code costs are reported in: <c>RUB</c> or <c>USD</c>.</summary>
    public required string Currency { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
