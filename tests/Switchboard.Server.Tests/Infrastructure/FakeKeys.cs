using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Identity;

namespace Switchboard.Server.Tests.Infrastructure;

/// <summary>
/// An authenticator for the gateway's <c>/v1</c> whose callers are made up by the test (tenant, team, user and limits
/// in any combination, including ids no tenant has), so the limit, budget and ledger tests can shape callers freely.
/// Any other key — the bootstrap admin key and real tenant keys — goes to the control plane's own authenticator, so
/// both kinds work side by side. The made-up callers act as members (permission <c>chat.use</c>).
/// </summary>
public sealed class FakeKeys
{
    private readonly ConcurrentDictionary<string, GatewayCaller> _callers = new(StringComparer.Ordinal);

    /// <summary>Adds a caller and returns the key that authenticates as it.</summary>
    public string Add(GatewayCaller caller)
    {
        var key = "sb-fake-" + caller.KeyId;
        _callers[key] = caller;
        return key;
    }

    internal IApiKeyAuthenticator Over(IdentityDirectory real) => new Authenticator(this, real);

    private sealed class Authenticator(FakeKeys keys, IdentityDirectory real) : IApiKeyAuthenticator
    {
        public GatewayCaller? Authenticate(ReadOnlySpan<char> apiKey, HttpContext context, out ApiKeyRefusal? refusal)
        {
            if (!keys._callers.TryGetValue(apiKey.ToString(), out var caller))
            {
                return real.Authenticate(apiKey, context, out refusal);
            }

            refusal = null;
            ApiPrincipal.Set(context, new ApiPrincipal
            {
                Kind = PrincipalKind.ApiKey,
                TenantId = Guid.TryParse(caller.TenantId, out var tenant) ? tenant : null,
                Role = UserRole.Member,
                Name = caller.Name,
                Gateway = caller,
            });
            return caller;
        }
    }
}
