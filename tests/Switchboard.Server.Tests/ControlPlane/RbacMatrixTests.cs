using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// Every endpoint the server maps, read from its <see cref="EndpointDataSource"/> (so a new endpoint is covered the day
/// it is added), against every role: the server must allow exactly what <see cref="RolePolicy"/> grants.
/// </summary>
public sealed class RbacMatrixTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    /// <summary>Endpoints anyone may call. Adding one here is a decision: it is reachable without credentials.</summary>
    private static readonly string[] PublicEndpoints =
    [
        "GET /healthz", "GET /readyz", "GET /metrics", "POST /api/v1/auth/login", "POST /api/v1/auth/refresh", "POST /api/v1/auth/logout",
        "GET /api/v1/auth/oidc/start", "GET /api/v1/auth/oidc/callback",
    ];

    private const string ProbeId = "7d3f0c2e-5b1a-4c8e-9f6d-2a4b6c8d0e1f";

    [Fact]
    public void EveryEndpoint_DeclaresAPermission_OrIsOneOfThePublicOnes()
    {
        var endpoints = Endpoints();
        var undeclared = endpoints.Where(e => e.Permission is null && !e.Anonymous).Select(e => e.Name).ToList();
        var anonymous = endpoints.Where(e => e.Anonymous).Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        var unknown = endpoints.Where(e => e.Permission?.Permission is { } p && !Permissions.All.Contains(p)).Select(e => e.Name).ToList();

        Assert.True(undeclared.Count == 0, "endpoints without RequirePermission/RequireSignedIn or AllowAnonymous: " + string.Join(", ", undeclared));
        Assert.Equal(PublicEndpoints.Order(StringComparer.Ordinal), anonymous);
        Assert.Empty(unknown);
        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} endpoints found");
    }

    [Fact]
    public async Task EveryEndpoint_ForEveryRole_AllowsExactlyWhatThePolicyTableGrants()
    {
        var callers = new List<(string Label, TenantCaller? Caller, Func<string, bool> Expected)>
        {
            ("acme owner", fixture.Acme["owner"], p => Allowed(UserRole.Owner, p, isOperator: true)),
            ("acme admin", fixture.Acme["admin"], p => Allowed(UserRole.Admin, p, isOperator: true)),
            ("acme member", fixture.Acme["member"], p => Allowed(UserRole.Member, p, isOperator: true)),
            ("acme viewer", fixture.Acme["viewer"], p => Allowed(UserRole.Viewer, p, isOperator: true)),
            ("globex admin (not the operator tenant)", fixture.Globex["admin"], p => Allowed(UserRole.Admin, p, isOperator: false)),
            ("bootstrap admin key", null, _ => true),
        };
        var failures = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !e.Anonymous))
        {
            foreach (var (label, caller, expected) in callers)
            {
                // /v1 takes API keys only; the product API is called with access tokens here (keys: RbacKeyTests).
                var credential = caller is null ? GatewayServer.AdminKey : endpoint.Path.StartsWith("/v1", StringComparison.Ordinal) ? caller.Key : caller.AccessToken;
                var status = await SendAsync(endpoint, credential);
                var allowed = endpoint.Permission!.Permission is not { } permission || expected(permission);
                if (allowed ? status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden : status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{endpoint.Name} as {label}: {(int)status}, expected {(allowed ? "allowed" : "403")} ({endpoint.Permission.Permission ?? "signed in"})");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task NoCredentials_OnEveryProtectedEndpoint_Is401()
    {
        var failures = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !e.Anonymous))
        {
            var status = await SendAsync(endpoint, null);
            if (status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{endpoint.Name}: {(int)status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static bool Allowed(UserRole role, string permission, bool isOperator) =>
        RolePolicy.Grants(role, permission) && (isOperator || !Permissions.ServerWide.Contains(permission));

    private async Task<HttpStatusCode> SendAsync(Endpoint endpoint, string? credential)
    {
        using var client = fixture.Server.ClientWithKey(null);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
        if (credential is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", credential);
        }

        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            // A body every handler refuses (unknown field, no required field), so allowed calls change nothing.
            request.Content = new StringContent("""{"rbac_probe":true}""", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private List<Endpoint> Endpoints()
    {
        var source = fixture.Server.App.Services.GetRequiredService<EndpointDataSource>();
        var result = new List<Endpoint>();
        // The web application's pages and assets (cookie sessions, checked per action by WebUserAccessor with the same
        // policy table) are covered by Switchboard.Web.Tests.
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>().Where(e => e.Metadata.GetMetadata<Web.WebUiEndpoint>() is null))
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods)
            {
                result.Add(new Endpoint($"{method} {pattern}", method, pattern, Url(pattern), endpoint.Metadata.GetMetadata<RequiredPermission>(),
                    endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null));
            }
        }

        return result;
    }

    private static string Url(string pattern)
    {
        var url = new StringBuilder();
        foreach (var segment in pattern.TrimStart('/').Split('/'))
        {
            url.Append('/').Append(segment switch
            {
                "{index}" => "0",
                ['{', '*', '*', ..] => "rbac-probe",
                ['{', ..] => ProbeId,
                _ => segment,
            });
        }

        return url.ToString().TrimStart('/');
    }

    private sealed record Endpoint(string Name, string Method, string Path, string Url, RequiredPermission? Permission, bool Anonymous);
}
