namespace Switchboard.Gateway.Auth;

/// <summary>
/// Resolves a presented API key to a caller. Called on every request, so implementations answer
/// from memory and never block on storage. Must be thread-safe.
/// </summary>
public interface IApiKeyAuthenticator
{
    /// <summary>Returns the caller, or null with a message saying why the key is refused.</summary>
    GatewayCaller? Authenticate(ReadOnlySpan<char> apiKey, out string? failure);
}
