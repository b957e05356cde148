namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// A tenant in the <see cref="IdentitySnapshot"/>. <see cref="IsOperator"/>: the oldest tenant, which runs the server;
/// <see cref="Currency"/>: what its usage is billed in (RUB or USD).
/// </summary>
internal sealed record TenantEntry(Guid Id, string Slug, string Name, bool IsOperator, string Currency);
