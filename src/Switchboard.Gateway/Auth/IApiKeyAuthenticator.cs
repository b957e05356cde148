using Microsoft.AspNetCore.Http;

namespace Switchboard.Gateway.Auth;

/// <summary>
/// Resolves a presented API key to a caller. Called on every request, so implementations answer
/// from memory and never block on storage. Must be thread-safe.
/// </summary>
public interface IApiKeyAuthenticator
{
    /// <summary>
    /// Returns the caller, or null with the refusal. <paramref name="context"/> is the request the key came with: its
    /// client address is checked against the key's network allow-list, and an implementation may attach what it knows
    /// about the caller to it (as a feature).
    /// </summary>
    GatewayCaller? Authenticate(ReadOnlySpan<char> apiKey, HttpContext context, out ApiKeyRefusal? refusal);
}
