namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>What an administrator changes about a user; null leaves a field as it is.</summary>
internal sealed record UserChanges(UserRole? Role, bool? Disabled, string? DisplayName);
