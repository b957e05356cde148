namespace Switchboard.Server.ControlPlane.Admin.Users;

internal sealed record UserList(IReadOnlyList<UserView> Users);
