using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class AuthTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "POST", "v1/chat/completions" },
        { "POST", "v1/embeddings" },
        { "POST", "v1/completions" },
        { "GET", "v1/models" },
        { "GET", "v1/models/gpt-test" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task NoKey_Is401InOpenAiShape(string method, string path)
    {
        using var response = await SendAsync(null, method, path, "gpt-test");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WrongKey_Is401(string method, string path)
    {
        using var response = await SendAsync("sb-not-a-real-key-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", method, path, "gpt-test");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task MalformedAuthorizationHeader_Is401()
    {
        using var client = fixture.Server.ClientWithKey(null);
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic Zm9vOmJhcg==");

        using var response = await client.GetAsync("v1/models");

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
    }

    [Fact]
    public async Task RevokedKey_Is401SayingRevoked()
    {
        var (record, key) = fixture.Server.CreateKey("to-revoke", null, null);
        using (var before = await SendAsync(key, "GET", "v1/models", null))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await fixture.Server.RevokeKeyAsync(record);
        using var after = await SendAsync(key, "GET", "v1/models", null);

        var error = await AssertErrorAsync(after, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("revoked", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredKey_Is401SayingExpired()
    {
        var (_, key) = fixture.Server.CreateKey("expired", null, DateTimeOffset.UtcNow.AddSeconds(-1));

        using var response = await SendAsync(key, "POST", "v1/chat/completions", "gpt-test");

        var error = await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_api_key");
        Assert.Contains("expired", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "v1/chat/completions")]
    [InlineData("POST", "v1/embeddings")]
    [InlineData("GET", "v1/models/gpt-test")]
    public async Task KeyWithoutAccessToAlias_Is403(string method, string path)
    {
        var (_, key) = fixture.Server.CreateKey("embed-only", ["embed"], null);

        using var response = await SendAsync(key, method, path, "gpt-test");

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "model_not_allowed");
        Assert.DoesNotContain(fixture.Stub.Requests, r => r.RequestId == response.Headers.GetValues("x-request-id").Single());
    }

    [Fact]
    public async Task KeyWithAccess_IsServed()
    {
        var (_, key) = fixture.Server.CreateKey("gpt-only", ["gpt-test"], DateTimeOffset.UtcNow.AddDays(30));

        using var response = await SendAsync(key, "POST", "v1/chat/completions", "gpt-test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyCreatedElsewhere_IsPickedUpWithoutRestart()
    {
        // Another process (the CLI) writes the key: here a separate connection that bypasses the server's services. The
        // server notices the change by itself (the identity_changes counter the database's triggers raise).
        var (template, _) = fixture.Server.CreateKey("template");
        var key = ApiKeySecrets.NewKey();
        var options = new DbContextOptionsBuilder<SqliteControlPlaneDbContext>()
            .UseSqlite($"Data Source={Path.Combine(fixture.Server.DataDirectory, ControlPlaneStorageOptions.FileName)}").Options;
        await using (var db = new SqliteControlPlaneDbContext(options))
        {
            db.ApiKeys.Add(new ApiKey
            {
                Id = Guid.NewGuid(),
                TenantId = template.TenantId,
                OwnerServiceAccountId = template.OwnerServiceAccountId,
                Name = "from-cli",
                KeyHash = ApiKeySecrets.Hash(key),
                KeyPrefix = ApiKeySecrets.DisplayPrefix(key),
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        using var client = fixture.Server.ClientWithKey(key);

        var status = HttpStatusCode.Unauthorized;
        for (var i = 0; i < 100 && status != HttpStatusCode.OK; i++)
        {
            using var response = await client.GetAsync("v1/models");
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<HttpResponseMessage> SendAsync(string? key, string method, string path, string? model)
    {
        using var client = fixture.Server.ClientWithKey(key);
        if (method == "GET")
        {
            return await client.GetAsync(path);
        }

        object body = path.Contains("embeddings", StringComparison.Ordinal)
            ? new { model, input = "x" }
            : path.EndsWith("/completions", StringComparison.Ordinal) && !path.Contains("chat", StringComparison.Ordinal)
                ? new { model, prompt = "x" }
                : new { model, messages = new[] { new { role = "user", content = "x" } } };
        return await client.PostAsJsonAsync(path, body);
    }

    private static async Task<JsonNode> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Equal(code, error["code"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error["message"]!.GetValue<string>()));
        Assert.NotNull(error["type"]);
        return error;
    }
}
