using Switchboard.Server.ControlPlane.Accounts;

namespace Switchboard.Server.Web.Admin;

/// <summary>A user row of the admin page.</summary>
internal sealed record UserItem(Guid Id, string Email, string DisplayName, UserRole Role, bool Disabled, bool Locked, bool External,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt);
