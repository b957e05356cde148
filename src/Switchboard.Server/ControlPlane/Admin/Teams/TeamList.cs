namespace Switchboard.Server.ControlPlane.Admin.Teams;

internal sealed record TeamList(IReadOnlyList<TeamView> Teams);
