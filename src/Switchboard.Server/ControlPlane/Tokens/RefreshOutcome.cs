namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>What happened to a presented refresh token.</summary>
internal enum RefreshOutcome
{
    Rotated,

    /// <summary>Unknown, revoked by logout, or its user is gone or disabled.</summary>
    Invalid,
    Expired,

    /// <summary>Already rotated once: someone replayed it, so its whole family was revoked.</summary>
    Reused,
}
