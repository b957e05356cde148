namespace Switchboard.Server.ControlPlane.Admin.Keys;

internal sealed record KeyList(IReadOnlyList<KeyView> Keys);
