namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>The outcome of a refresh; <see cref="Tokens"/> is set when rotated, the ids whenever the token was known.</summary>
internal sealed record RefreshResult(RefreshOutcome Outcome, TokenPair? Tokens = null, Guid? UserId = null, Guid? TenantId = null);
