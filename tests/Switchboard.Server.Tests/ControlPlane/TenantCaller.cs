using System.Net.Http.Headers;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>A user of a tenant with an access token (from a real login) and an API key the user owns.</summary>
internal sealed record TenantCaller(string Role, Guid UserId, Guid TenantId, string Email, string AccessToken, string Key, Guid KeyId)
{
    /// <summary>A client sending the access token (<paramref name="useKey"/>: the API key instead).</summary>
    public HttpClient Client(GatewayServer server, bool useKey = false)
    {
        var client = server.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", useKey ? Key : AccessToken);
        return client;
    }
}
