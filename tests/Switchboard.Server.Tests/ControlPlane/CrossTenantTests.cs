using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.Tests.Infrastructure;
using static Switchboard.Server.Tests.Knowledge.KnowledgeApi;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// Tenant B (globex) — its owner, its admin, their keys, and the bootstrap key pointed at globex — tries every path to
/// tenant A's (acme's) documents, collections, conversations, keys, users, teams, service accounts, usage, limits and budgets
/// and audit entries.
/// Every attempt must be 404 (or 400/403), never A's data, and A's data must be unchanged afterwards.
/// </summary>
public sealed class CrossTenantTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    private GatewayServer Server => fixture.Server;

    [Fact]
    public async Task TenantB_WithEveryCredential_NeverReachesTenantAData()
    {
        var a = await CreateTenantADataAsync();
        var attackers = new List<(string Label, HttpClient Client)>
        {
            ("globex owner token", fixture.Globex["owner"].Client(Server)),
            ("globex admin token", fixture.Globex["admin"].Client(Server)),
            ("globex admin key", fixture.Globex["admin"].Client(Server, useKey: true)),
            ("bootstrap key in globex", BootstrapIn("globex")),
        };
        var leaks = new List<string>();
        foreach (var (label, client) in attackers)
        {
            using (client)
            {
                await ProbeAsync(label, client, a, leaks);
            }
        }

        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        await AssertTenantADataIntactAsync(a);
    }

    [Fact]
    public async Task TenantB_GatewayKey_DoesNotSeeTenantACollectionsAsModels()
    {
        var a = await CreateTenantADataAsync();
        using var globex = fixture.Globex["admin"].Client(Server, useKey: true);

        var models = await globex.GetStringAsync("v1/models");
        using var chat = await globex.PostAsJsonAsync("v1/chat/completions", new
        {
            model = "kb/" + a.Collection,
            messages = new[] { new { role = "user", content = "What is the launch code?" } },
        });

        Assert.DoesNotContain(a.Collection, models, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, chat.StatusCode);
        Assert.DoesNotContain("4242", await chat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task ProbeAsync(string label, HttpClient client, TenantAData a, List<string> leaks)
    {
        var document = $"api/v1/documents/{a.DocumentId}";
        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, document, null),
            (HttpMethod.Get, document + "/file", null),
            (HttpMethod.Post, document + "/reindex", null),
            (HttpMethod.Delete, document, null),
            (HttpMethod.Get, $"api/v1/documents?collection={a.Collection}", null),
            (HttpMethod.Patch, $"api/v1/collections/{a.Collection}", new { description = "taken over" }),
            (HttpMethod.Delete, $"api/v1/collections/{a.Collection}", null),
            (HttpMethod.Post, "api/v1/search", new { query = "launch code", collections = new[] { a.Collection } }),
            (HttpMethod.Get, $"api/v1/conversations/{a.ConversationId}", null),
            (HttpMethod.Post, "api/v1/chat", new { message = "and the launch code?", conversation_id = a.ConversationId }),
            (HttpMethod.Delete, $"api/v1/admin/keys/{a.KeyId}", null),
            (HttpMethod.Patch, $"api/v1/admin/users/{a.UserId}", new { role = "viewer", disabled = true }),
            (HttpMethod.Post, $"api/v1/admin/users/{a.UserId}/reset-password", new { password = "stolen password 123" }),
            (HttpMethod.Delete, $"api/v1/admin/users/{a.UserId}", null),
            (HttpMethod.Patch, $"api/v1/admin/teams/{a.TeamId}", new { name = "taken over" }),
            (HttpMethod.Get, $"api/v1/admin/teams/{a.TeamId}/members", null),
            (HttpMethod.Put, $"api/v1/admin/teams/{a.TeamId}/members/{fixture.Globex["admin"].UserId}", null),
            (HttpMethod.Delete, $"api/v1/admin/teams/{a.TeamId}/members/{a.UserId}", null),
            (HttpMethod.Delete, $"api/v1/admin/teams/{a.TeamId}", null),
            (HttpMethod.Patch, $"api/v1/admin/service-accounts/{a.ServiceAccountId}", new { disabled = true }),
            (HttpMethod.Post, "api/v1/admin/keys", new { name = "backdoor", owner_user = a.UserId }),
            (HttpMethod.Post, "api/v1/admin/keys", new { name = "backdoor", owner_team = a.TeamId }),
            (HttpMethod.Post, "api/v1/admin/keys", new { name = "backdoor", service_account = a.ServiceAccountId }),
            (HttpMethod.Put, $"api/v1/admin/limits/tenant/{fixture.AcmeId:D}", new { requests_per_minute = 1 }),
            (HttpMethod.Delete, $"api/v1/admin/limits/tenant/{fixture.AcmeId:D}", null),
            (HttpMethod.Put, $"api/v1/admin/limits/team/{a.TeamId}", new { requests_per_minute = 1 }),
            (HttpMethod.Delete, $"api/v1/admin/limits/team/{a.TeamId}", null),
            (HttpMethod.Put, $"api/v1/admin/limits/key/{a.KeyId}", new { requests_per_minute = 0 }),
            (HttpMethod.Delete, $"api/v1/admin/limits/key/{a.KeyId}", null),
            (HttpMethod.Put, $"api/v1/admin/budgets/tenant/{fixture.AcmeId:D}/day", new { limit = 0.01m }),
            (HttpMethod.Delete, $"api/v1/admin/budgets/tenant/{fixture.AcmeId:D}/day", null),
            (HttpMethod.Put, $"api/v1/admin/budgets/team/{a.TeamId}/month", new { limit = 0.01m }),
            (HttpMethod.Delete, $"api/v1/admin/budgets/team/{a.TeamId}/month", null),
            (HttpMethod.Put, $"api/v1/admin/budgets/key/{a.KeyId}/day", new { limit = 0.01m }),
            (HttpMethod.Get, $"api/v1/analytics?tenant={fixture.AcmeId:D}", null),
            (HttpMethod.Get, $"api/v1/analytics?tenant={fixture.AcmeId:D}&format=csv", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            // An answer may repeat the id it was asked about ("no user with the id …"), nothing else of A's.
            var asked = path + System.Text.Json.JsonSerializer.Serialize(body);
            if (response.IsSuccessStatusCode || response.StatusCode is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden)
                || a.Secrets.Any(s => text.Contains(s, StringComparison.Ordinal) && !asked.Contains(s, StringComparison.Ordinal)))
            {
                leaks.Add($"{label}: {method} {path} -> {(int)response.StatusCode} {Truncate(text)}");
            }
        }

        // Lists and searches answer 200, but with B's own things only.
        foreach (var path in new[] { "api/v1/documents", "api/v1/collections", "api/v1/admin/keys", "api/v1/admin/users", "api/v1/admin/teams",
                     "api/v1/admin/service-accounts", "api/v1/admin/audit?limit=500", $"api/v1/admin/audit?target=user:{a.UserId}", "api/v1/admin/tenant",
                     "api/v1/analytics?group_by=user", "api/v1/analytics?group_by=key&format=csv", "api/v1/admin/limits", "api/v1/admin/budgets" })
        {
            await ExpectNoneOfAsync(label, client, HttpMethod.Get, path, null, a, leaks);
        }

        await ExpectNoneOfAsync(label, client, HttpMethod.Post, "api/v1/search", new { query = "launch code 4242", document_ids = new[] { a.DocumentId } }, a, leaks);
        await ExpectNoneOfAsync(label, client, HttpMethod.Post, "api/v1/search", new { query = "launch code 4242" }, a, leaks);
    }

    private static async Task ExpectNoneOfAsync(string label, HttpClient client, HttpMethod method, string path, object? body, TenantAData a, List<string> leaks)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var asked = path + System.Text.Json.JsonSerializer.Serialize(body);
        var leaked = a.Secrets.Where(s => text.Contains(s, StringComparison.Ordinal) && !asked.Contains(s, StringComparison.Ordinal)).ToList();
        if (!response.IsSuccessStatusCode || leaked.Count > 0)
        {
            leaks.Add($"{label}: {method} {path} -> {(int)response.StatusCode}, shows {string.Join(", ", leaked)} {Truncate(text)}");
        }
    }

    private async Task<TenantAData> CreateTenantADataAsync()
    {
        var owner = fixture.Acme["owner"];
        using var acme = owner.Client(Server);
        var collection = "acme-secrets-" + Guid.NewGuid().ToString("N")[..8];
        var uploaded = await UploadAsync(acme, collection, ("launch.md", "# Launch\n\nThe launch code is 4242 and only Acme knows it."));
        var documentId = Ids(uploaded).Single();
        var ready = await WaitAsync(acme, [documentId]);
        Assert.Equal("ready", ready[documentId]["status"]!.GetValue<string>());

        using var chat = await acme.PostAsJsonAsync("api/v1/chat", new { message = "What is the launch code?", collections = new[] { collection } });
        var conversationId = (await chat.Content.ReadFromJsonAsync<JsonObject>())!["conversation_id"]!.GetValue<string>();
        using var team = await acme.PostAsJsonAsync("api/v1/admin/teams", new { name = "team-" + collection });
        var teamId = (await team.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var account = await acme.PostAsJsonAsync("api/v1/admin/service-accounts", new { name = "sa-" + collection });
        var accountId = (await account.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        var member = fixture.Acme["member"];
        // A model call of the member's, so tenant A has usage in the ledger for the analytics probes.
        using (var memberClient = member.Client(Server, useKey: true))
        using (var completion = await memberClient.PostAsJsonAsync("v1/chat/completions", new { model = "chat", messages = new[] { new { role = "user", content = "hello" } } }))
        {
            Assert.Equal(HttpStatusCode.OK, completion.StatusCode);
        }

        await Server.App.Services.GetRequiredService<Switchboard.Server.Usage.Ledger.UsageLedger>().FlushAsync(default);
        // Limits and budgets of A's tenant, team and member key, for the limits and budgets probes.
        foreach (var (path, body) in new (string, object)[]
                 {
                     ($"api/v1/admin/limits/tenant/{fixture.AcmeId:D}", new { requests_per_minute = 5000 }),
                     ($"api/v1/admin/limits/team/{teamId}", new { tokens_per_minute = 70000 }),
                     ($"api/v1/admin/limits/key/{member.KeyId:D}", new { max_concurrent_requests = 7 }),
                     ($"api/v1/admin/budgets/tenant/{fixture.AcmeId:D}/day", new { limit = 900 }),
                     ($"api/v1/admin/budgets/team/{teamId}/month", new { limit = 800 }),
                 })
        {
            using var set = await acme.PutAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        }

        return new TenantAData(collection, documentId, conversationId, member.KeyId.ToString("D"), member.UserId.ToString("D"), teamId, accountId,
            [collection, documentId, conversationId, member.KeyId.ToString("D"), member.UserId.ToString("D"), teamId, accountId, member.Email, "4242",
                fixture.AcmeId.ToString("D")]);
    }

    private async Task AssertTenantADataIntactAsync(TenantAData a)
    {
        using var acme = fixture.Acme["owner"].Client(Server);
        var document = await acme.GetFromJsonAsync<JsonObject>($"api/v1/documents/{a.DocumentId}");
        var conversation = await acme.GetFromJsonAsync<JsonObject>($"api/v1/conversations/{a.ConversationId}");
        var users = await acme.GetStringAsync("api/v1/admin/users");
        var keys = (await acme.GetFromJsonAsync<JsonObject>("api/v1/admin/keys"))!["keys"]!.AsArray();
        using var member = fixture.Acme["member"].Client(Server, useKey: true);
        using var models = await member.GetAsync("v1/models");

        Assert.Equal("ready", document!["status"]!.GetValue<string>());
        Assert.Equal(2, conversation!["messages"]!.AsArray().Count);
        Assert.DoesNotContain("\"disabled\":true", users, StringComparison.Ordinal);
        Assert.Equal("active", keys.Single(k => k!["id"]!.GetValue<string>() == a.KeyId)!["status"]!.GetValue<string>());
        Assert.DoesNotContain(keys, k => k!["name"]!.GetValue<string>() == "backdoor");
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);

        var limits = (await acme.GetFromJsonAsync<JsonObject>("api/v1/admin/limits"))!["limits"]!.AsArray();
        var budgets = (await acme.GetFromJsonAsync<JsonObject>("api/v1/admin/budgets"))!["budgets"]!.AsArray();
        Assert.Equal(5000, limits.Single(l => l!["scope"]!.GetValue<string>() == "tenant")!["requests_per_minute"]!.GetValue<int>());
        Assert.Equal(70000, limits.Single(l => l!["id"]!.GetValue<string>() == a.TeamId)!["tokens_per_minute"]!.GetValue<int>());
        Assert.Equal(7, limits.Single(l => l!["id"]!.GetValue<string>() == a.KeyId)!["max_concurrent_requests"]!.GetValue<int>());
        Assert.Equal(900m, budgets.Single(b => b!["scope"]!.GetValue<string>() == "tenant" && b["period"]!.GetValue<string>() == "day")!["limit"]!.GetValue<decimal>());
        Assert.Equal(800m, budgets.Single(b => b!["id"]!.GetValue<string>() == a.TeamId)!["limit"]!.GetValue<decimal>());
        Assert.DoesNotContain(budgets, b => b!["scope"]!.GetValue<string>() == "key");
    }

    private HttpClient BootstrapIn(string tenant)
    {
        var client = Server.ClientWithKey(GatewayServer.AdminKey);
        client.DefaultRequestHeaders.Add("X-Switchboard-Tenant", tenant);
        return client;
    }

    private static string Truncate(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private sealed record TenantAData(string Collection, string DocumentId, string ConversationId, string KeyId, string UserId, string TeamId,
        string ServiceAccountId, IReadOnlyList<string> Secrets);
}
