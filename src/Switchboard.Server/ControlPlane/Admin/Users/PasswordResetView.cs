namespace Switchboard.Server.ControlPlane.Admin.Users;

/// <summary>The answer to a password reset; <see cref="Password"/> only when it was generated (shown this once).</summary>
internal sealed record PasswordResetView(Guid Id, string? Password);
