using Switchboard.Server.ControlPlane.Accounts;

namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary>A user as the admin API shows it (never the password hash).</summary>
internal sealed record UserView(Guid Id, string Email, string DisplayName, string Role, bool Disabled, bool HasPassword, string? ExternalIssuer,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, DateTimeOffset? LockedUntil)
{
    public static UserView Of(User u) => new(u.Id, u.Email, u.DisplayName, AdminApi.RoleText(u.Role), u.Disabled, u.PasswordHash is not null,
        u.ExternalIssuer, u.CreatedAt, u.LastLoginAt, u.LockedUntil);
}
