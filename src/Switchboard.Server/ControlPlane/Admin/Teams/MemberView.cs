namespace Switchboard.Server.ControlPlane.Admin.Teams;

internal sealed record MemberView(Guid UserId, string Email, string DisplayName, string? Role);
