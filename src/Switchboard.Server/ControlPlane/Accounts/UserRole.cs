namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>A user's role in their tenant, from most to least powerful.</summary>
internal enum UserRole
{
    Owner,
    Admin,
    Member,
    Viewer,
}
