namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>A password login. <paramref name="TenantSlug"/> may be omitted while the server has a single tenant.</summary>
internal sealed record LoginAttempt(string? TenantSlug, string Email, string Password, string? ClientAddress = null);
