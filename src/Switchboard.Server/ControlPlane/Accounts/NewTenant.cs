namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>A tenant to create: display name, unique slug, and currency (<c>RUB</c> or <c>USD</c>).</summary>
internal sealed record NewTenant(string Name, string Slug, string Currency);
