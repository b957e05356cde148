using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane.Accounts;

/// <summary>The outcome of a login; <see cref="Tokens"/> is set when it succeeded.</summary>
internal sealed record LoginResult(LoginOutcome Outcome, TokenPair? Tokens = null);
