namespace Switchboard.Server.ControlPlane.Admin.ServiceAccounts;

/// <summary><c>POST</c> (name, role) and <c>PATCH</c> (role, disabled) of <c>/api/v1/admin/service-accounts</c>.</summary>
internal sealed record ServiceAccountBody(string? Name, string? Role, bool? Disabled);
