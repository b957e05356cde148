namespace Switchboard.Server.ControlPlane.Admin.Limits;

internal sealed record LimitList(IReadOnlyList<LimitView> Limits);
