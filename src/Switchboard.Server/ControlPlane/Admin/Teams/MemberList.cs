namespace Switchboard.Server.ControlPlane.Admin.Teams;

internal sealed record MemberList(IReadOnlyList<MemberView> Members);
