using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>The admin API (users, teams, keys, service accounts, tenant, audit, system) on a real server with two tenants.</summary>
public sealed class AdminApiTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    private GatewayServer Server => fixture.Server;

    [Fact]
    public async Task Users_CreateChangeDisableDelete_TakeEffectAtOnce_AndAreAudited()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        using var created = await admin.PostAsJsonAsync("api/v1/admin/users", new { email = "Dana@Acme.example", password = TenantsFixture.Password, role = "member" });
        var user = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = user["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(("dana@acme.example", "member", true), (user["email"]!.GetValue<string>(), user["role"]!.GetValue<string>(), user["has_password"]!.GetValue<bool>()));
        using var dana = Client(await fixture.LoginAsync("acme", "dana@acme.example"));
        using (var upload = await UploadAsync(dana, "dana-notes"))
        {
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        }

        using (var demoted = await admin.PatchAsJsonAsync($"api/v1/admin/users/{id}", new { role = "viewer" }))
        {
            Assert.Equal("viewer", (await demoted.Content.ReadFromJsonAsync<JsonObject>())!["role"]!.GetValue<string>());
        }

        // The same access token, issued while Dana was a member: the role change applies to it at once.
        using (var refused = await UploadAsync(dana, "dana-notes"))
        {
            await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "Your role (viewer) does not have the permission 'knowledge.write'.");
        }

        using (var disabled = await admin.PatchAsJsonAsync($"api/v1/admin/users/{id}", new { disabled = true }))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        using (var afterDisable = await dana.GetAsync("api/v1/collections"))
        {
            await AssertProblemAsync(afterDisable, HttpStatusCode.Unauthorized, "The account no longer exists or is disabled.");
        }

        using (var deleted = await admin.DeleteAsync($"api/v1/admin/users/{id}"))
        using (var again = await admin.DeleteAsync($"api/v1/admin/users/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        var actions = await AuditActionsAsync($"target=user:{id}");
        Assert.Equal([AuditActions.UserCreated, AuditActions.LoginSucceeded, AuditActions.UserUpdated, AuditActions.UserUpdated, AuditActions.UserDeleted], actions);
    }

    [Fact]
    public async Task Users_AnAdminCannotTouchOwners_AndTheLastOwnerStays()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        using var owner = fixture.Acme["owner"].Client(Server);
        var ownerId = fixture.Acme["owner"].UserId;

        using var promote = await admin.PostAsJsonAsync("api/v1/admin/users", new { email = "boss@acme.example", role = "owner" });
        using var demoteOwner = await admin.PatchAsJsonAsync($"api/v1/admin/users/{ownerId}", new { role = "member" });
        using var selfDemote = await owner.PatchAsJsonAsync($"api/v1/admin/users/{ownerId}", new { role = "admin" });
        using var selfDelete = await owner.DeleteAsync($"api/v1/admin/users/{ownerId}");
        using var badRole = await owner.PostAsJsonAsync("api/v1/admin/users", new { email = "x@acme.example", role = "superuser" });
        using var typo = await owner.PostAsJsonAsync("api/v1/admin/users", new { emial = "x@acme.example" });

        await AssertProblemAsync(promote, HttpStatusCode.Forbidden, "Only an owner can create an owner.");
        await AssertProblemAsync(demoteOwner, HttpStatusCode.Forbidden, "Only an owner can change an owner.");
        await AssertProblemAsync(selfDemote, HttpStatusCode.Conflict, "only enabled owner");
        await AssertProblemAsync(selfDelete, HttpStatusCode.Conflict, "You cannot delete your own account");
        await AssertProblemAsync(badRole, HttpStatusCode.BadRequest, "'role' must be one of owner, admin, member, viewer.");
        await AssertProblemAsync(typo, HttpStatusCode.BadRequest, "emial");
    }

    [Fact]
    public async Task ResetPassword_Generated_IsShownOnce_EndsSessions_AndWorks()
    {
        var user = await fixture.CreateUserAsync(fixture.AcmeId, "reset@acme.example", Switchboard.Server.ControlPlane.Accounts.UserRole.Member);
        using var anonymous = Server.ClientWithKey(null);
        using var login = await anonymous.PostAsJsonAsync("api/v1/auth/login", new { tenant = "acme", email = "reset@acme.example", password = TenantsFixture.Password });
        var refresh = (await login.Content.ReadFromJsonAsync<JsonObject>())!["refresh_token"]!.GetValue<string>();
        using var admin = fixture.Acme["admin"].Client(Server);

        using var reset = await admin.PostAsync($"api/v1/admin/users/{user.Id}/reset-password", null);
        var password = (await reset.Content.ReadFromJsonAsync<JsonObject>())!["password"]!.GetValue<string>();
        using var oldSession = await anonymous.PostAsJsonAsync("api/v1/auth/refresh", new JsonObject { ["refresh_token"] = refresh });
        using var oldPassword = await anonymous.PostAsJsonAsync("api/v1/auth/login", new { tenant = "acme", email = "reset@acme.example", password = TenantsFixture.Password });
        var newLogin = await fixture.LoginAsync("acme", "reset@acme.example", password);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.True(reset.Headers.CacheControl?.NoStore);
        Assert.Equal(20, password.Length);
        Assert.Equal(HttpStatusCode.Unauthorized, oldSession.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.False(string.IsNullOrEmpty(newLogin));
        Assert.Contains(AuditActions.PasswordReset, await AuditActionsAsync($"target=user:{user.Id}"));
    }

    [Fact]
    public async Task Teams_AndMembers_AreManaged_AndBecomeTheMembersKnowledgeGroups()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        using var created = await admin.PostAsJsonAsync("api/v1/admin/teams", new { name = "research" });
        var teamId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var duplicate = await admin.PostAsJsonAsync("api/v1/admin/teams", new { name = "research" });
        var member = fixture.Acme["member"];
        using var added = await admin.PutAsync($"api/v1/admin/teams/{teamId}/members/{member.UserId}", JsonContent.Create(new { role = "admin" }));
        var members = await admin.GetFromJsonAsync<JsonObject>($"api/v1/admin/teams/{teamId}/members");

        // A collection shared with the team: the member (through the team) sees it, the viewer does not.
        using var owner = fixture.Acme["owner"].Client(Server);
        using var shared = await owner.PostAsJsonAsync("api/v1/collections", new { name = "research-only", groups = new[] { teamId } });
        using var memberClient = member.Client(Server);
        using var viewerClient = fixture.Acme["viewer"].Client(Server);
        var memberSees = await memberClient.GetStringAsync("api/v1/collections");
        var viewerSees = await viewerClient.GetStringAsync("api/v1/collections");

        using var removed = await admin.DeleteAsync($"api/v1/admin/teams/{teamId}/members/{member.UserId}");
        var memberSeesAfter = await memberClient.GetStringAsync("api/v1/collections");
        using var renamed = await admin.PatchAsJsonAsync($"api/v1/admin/teams/{teamId}", new { name = "research-2" });
        using var deleted = await admin.DeleteAsync($"api/v1/admin/teams/{teamId}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await AssertProblemAsync(duplicate, HttpStatusCode.BadRequest, "A team named 'research' already exists in this tenant.");
        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        Assert.Equal("admin", members!["members"]![0]!["role"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
        Assert.Contains("research-only", memberSees, StringComparison.Ordinal);
        Assert.DoesNotContain("research-only", viewerSees, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.DoesNotContain("research-only", memberSeesAfter, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal([AuditActions.TeamCreated, AuditActions.TeamMemberAdded, AuditActions.TeamMemberRemoved, AuditActions.TeamUpdated, AuditActions.TeamDeleted],
            await AuditActionsAsync($"target=team:{teamId}"));
    }

    [Fact]
    public async Task Keys_CreatedByAnAdmin_ShowTheSecretOnce_WorkOnV1_AndStopWhenRevoked()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        var member = fixture.Acme["member"];

        using var created = await admin.PostAsJsonAsync("api/v1/admin/keys", new
        {
            name = "reporting", owner_user = member.UserId, models = new[] { "chat" }, requests_per_minute = 60, tokens_per_minute = 5000,
            max_concurrent_requests = 2, route = "cheapest",
        });
        var body = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = body["secret"]!.GetValue<string>();
        var keyId = body["key"]!["id"]!.GetValue<string>();
        using var withKey = Server.ClientWithKey(secret);
        var models = await withKey.GetFromJsonAsync<JsonObject>("v1/models");
        var list = await admin.GetStringAsync("api/v1/admin/keys");
        var caller = Server.App.Services.GetRequiredService<Switchboard.Server.ControlPlane.Identity.IdentityDirectory>()
            .Authenticate(secret, IPAddress.Loopback, out _)!.Gateway;

        using var revoked = await admin.DeleteAsync($"api/v1/admin/keys/{keyId}");
        using var after = await withKey.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(created.Headers.CacheControl?.NoStore);
        Assert.Equal(["chat"], models!["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()));
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains($"user:{member.UserId}", list, StringComparison.Ordinal);
        Assert.Equal((60, 5000, 2), (caller.RequestsPerMinute, caller.TokensPerMinute, caller.MaxConcurrent));
        Assert.Equal(("member", member.UserId.ToString("D"), fixture.AcmeId.ToString("D"), "cheapest"), (caller.Role, caller.UserId, caller.TenantId, caller.Route));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([AuditActions.KeyCreated, AuditActions.KeyRevoked], await AuditActionsAsync($"target=key:{keyId}"));
    }

    [Fact]
    public async Task OwnKeys_AMemberManagesOnlyTheirOwn_AViewerNone()
    {
        using var member = fixture.Acme["member"].Client(Server);
        using var viewer = fixture.Acme["viewer"].Client(Server);

        using var created = await member.PostAsJsonAsync("api/v1/keys", new { name = "laptop" });
        var keyId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["key"]!["id"]!.GetValue<string>();
        var mine = await member.GetStringAsync("api/v1/keys");
        using var someoneElses = await member.DeleteAsync($"api/v1/keys/{fixture.Acme["admin"].KeyId}");
        using var forOthers = await member.PostAsJsonAsync("api/v1/keys", new { name = "x", owner_user = fixture.Acme["admin"].UserId });
        using var byViewer = await viewer.PostAsJsonAsync("api/v1/keys", new { name = "x" });
        using var revoked = await member.DeleteAsync($"api/v1/keys/{keyId}");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("laptop", mine, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Acme["admin"].KeyId.ToString("D"), mine, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, someoneElses.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forOthers.StatusCode);
        await AssertProblemAsync(byViewer, HttpStatusCode.Forbidden, "'keys.manage_own'");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
    }

    [Fact]
    public async Task Keys_ActWithTheirOwnersRole_ServiceAccountsAsMembers()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        using var account = await admin.PostAsJsonAsync("api/v1/admin/service-accounts", new { name = "ci-" + Guid.NewGuid().ToString("N")[..6] });
        var accountId = (await account.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var key = await admin.PostAsJsonAsync("api/v1/admin/keys", new { name = "ci", service_account = accountId });
        var secret = (await key.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.GetValue<string>();
        using var serviceKey = Server.ClientWithKey(secret);
        using var viewerKey = fixture.Acme["viewer"].Client(Server, useKey: true);
        using var adminKey = fixture.Acme["admin"].Client(Server, useKey: true);

        using var serviceUpload = await UploadAsync(serviceKey, "ci-uploads");
        using var serviceUsers = await serviceKey.GetAsync("api/v1/admin/users");
        using var viewerUpload = await UploadAsync(viewerKey, "viewer-uploads");
        using var viewerSearch = await viewerKey.PostAsJsonAsync("api/v1/search", new { query = "anything" });
        using var adminUsers = await adminKey.GetAsync("api/v1/admin/users");

        Assert.Equal(HttpStatusCode.Accepted, serviceUpload.StatusCode);
        await AssertProblemAsync(serviceUsers, HttpStatusCode.Forbidden, "Your role (member) does not have the permission 'users.manage'.");
        await AssertProblemAsync(viewerUpload, HttpStatusCode.Forbidden, "Your role (viewer)");
        Assert.Equal(HttpStatusCode.OK, viewerSearch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adminUsers.StatusCode);
    }

    [Fact]
    public async Task Keys_WithANetworkAllowList_AreRefusedFromOtherAddresses()
    {
        var member = fixture.Acme["member"];
        var (_, outside) = await Server.CreateKeyAsync(new Switchboard.Server.ControlPlane.ApiKeys.NewApiKey("office-only", default) { Networks = ["10.0.0.0/8"] },
            Switchboard.Server.ControlPlane.ApiKeys.KeyOwner.User(member.UserId), fixture.AcmeId);
        var (_, inside) = await Server.CreateKeyAsync(new Switchboard.Server.ControlPlane.ApiKeys.NewApiKey("loopback-only", default) { Networks = ["127.0.0.0/8", "::1"] },
            Switchboard.Server.ControlPlane.ApiKeys.KeyOwner.User(member.UserId), fixture.AcmeId);
        using var outsideClient = Server.ClientWithKey(outside);
        using var insideClient = Server.ClientWithKey(inside);

        using var gateway = await outsideClient.GetAsync("v1/models");
        using var product = await outsideClient.GetAsync("api/v1/collections");
        using var allowed = await insideClient.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.Forbidden, gateway.StatusCode);
        var error = (await gateway.Content.ReadFromJsonAsync<JsonObject>())!["error"]!;
        Assert.Equal("access_denied", error["code"]!.GetValue<string>());
        Assert.Contains("may not be used from 127.0.0.1", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertProblemAsync(product, HttpStatusCode.Forbidden, "outside the key's network allow-list");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task ServerWidePermissions_AreOnlyTheOperatorTenants()
    {
        using var acmeAdmin = fixture.Acme["admin"].Client(Server);
        using var globexOwner = fixture.Globex["owner"].Client(Server);

        using var acmeSystem = await acmeAdmin.GetAsync("api/v1/admin/system");
        using var globexSystem = await globexOwner.GetAsync("api/v1/admin/system");
        using var globexProviders = await globexOwner.GetAsync("api/v1/admin/providers");

        Assert.Equal(HttpStatusCode.OK, acmeSystem.StatusCode);
        await AssertProblemAsync(globexSystem, HttpStatusCode.Forbidden, "covers the whole server");
        Assert.Equal(HttpStatusCode.Forbidden, globexProviders.StatusCode);
    }

    [Fact]
    public async Task System_ReportsVersionDeploymentsQueueModelsAndProcess()
    {
        using var owner = fixture.Acme["owner"].Client(Server);

        var system = (await owner.GetFromJsonAsync<JsonObject>("api/v1/admin/system"))!;

        Assert.False(string.IsNullOrEmpty(system["version"]!.GetValue<string>()));
        Assert.True(system["uptime_seconds"]!.GetValue<double>() >= 0);
        Assert.Contains(system["deployments"]!["aliases"]!.AsArray(), a => a!["alias"]!.GetValue<string>() == "chat");
        Assert.True(system["knowledge"]!["queue_waiting"]!.GetValue<int>() >= 0);
        Assert.NotNull(system["knowledge"]!["jobs_running"]);
        Assert.NotNull(system["local_models"]!["providers"]);
        Assert.True(system["process"]!["working_set_bytes"]!.GetValue<long>() > 0);
        Assert.True(system["process"]!["gc"]!["heap_size_bytes"]!.GetValue<long>() > 0);
    }

    [Fact]
    public async Task Audit_FiltersByActionActorTargetAndTime_AndPages()
    {
        using var owner = fixture.Acme["owner"].Client(Server);
        var ownerId = fixture.Acme["owner"].UserId;
        var since = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        for (var i = 0; i < 3; i++)
        {
            using var team = await owner.PostAsJsonAsync("api/v1/admin/teams", new { name = $"audit-{i}-{Guid.NewGuid():N}" });
            Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        }

        await Server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        var query = $"api/v1/admin/audit?action=team.created&actor=user:{ownerId}&from={Uri.EscapeDataString(since)}&limit=2";
        var first = (await owner.GetFromJsonAsync<JsonObject>(query))!;
        var second = (await owner.GetFromJsonAsync<JsonObject>(query + $"&before={first["next_before"]}"))!;
        var prefix = (await owner.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?action=team.*&actor=user:{ownerId}&from={Uri.EscapeDataString(since)}"))!;
        using var badActor = await owner.GetAsync("api/v1/admin/audit?actor=robot:1");
        using var badTime = await owner.GetAsync("api/v1/admin/audit?from=yesterday");

        Assert.Equal(2, first["entries"]!.AsArray().Count);
        Assert.True(first["entries"]![0]!["sequence"]!.GetValue<long>() > first["entries"]![1]!["sequence"]!.GetValue<long>());
        Assert.Single(second["entries"]!.AsArray());
        Assert.Null(second["next_before"]);
        Assert.All(prefix["entries"]!.AsArray(), e => Assert.StartsWith("team.", e!["action"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal($"user:{ownerId}", first["entries"]![0]!["actor"]!.GetValue<string>());
        Assert.NotNull(first["entries"]![0]!["details"]!["name"]);
        await AssertProblemAsync(badActor, HttpStatusCode.BadRequest, "'actor' must be");
        await AssertProblemAsync(badTime, HttpStatusCode.BadRequest, "'from' and 'to'");
    }

    [Fact]
    public async Task DeletingADocumentOrCollection_IsAudited_WithTheCaller()
    {
        var member = fixture.Acme["member"];
        using var client = member.Client(Server);
        using var upload = await UploadAsync(client, "audited-deletes");
        var id = (await upload.Content.ReadFromJsonAsync<JsonObject>())!["documents"]![0]!["id"]!.GetValue<string>();

        using var deleteDocument = await client.DeleteAsync($"api/v1/documents/{id}");
        using var deleteCollection = await client.DeleteAsync("api/v1/collections/audited-deletes");
        await Server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        using var owner = fixture.Acme["owner"].Client(Server);
        var entries = (await owner.GetFromJsonAsync<JsonObject>($"api/v1/admin/audit?actor=user:{member.UserId}"))!["entries"]!.AsArray();

        Assert.Equal(HttpStatusCode.NoContent, deleteDocument.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleteCollection.StatusCode);
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == AuditActions.DocumentDeleted && e["target"]!.GetValue<string>() == $"document:{id}");
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == AuditActions.CollectionDeleted);
    }

    [Fact]
    public async Task Tenant_OwnerChangesSettings_AdminMayNot()
    {
        using var owner = fixture.Globex["owner"].Client(Server);
        using var admin = fixture.Globex["admin"].Client(Server);

        using var changed = await owner.PatchAsJsonAsync("api/v1/admin/tenant", new { name = "Globex International", currency = "usd" });
        using var refused = await admin.PatchAsJsonAsync("api/v1/admin/tenant", new { name = "Hostile" });
        var tenant = await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/tenant");

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await AssertProblemAsync(refused, HttpStatusCode.Forbidden, "'tenant.manage'");
        Assert.Equal(("Globex International", "USD", "globex", false),
            (tenant!["name"]!.GetValue<string>(), tenant["currency"]!.GetValue<string>(), tenant["slug"]!.GetValue<string>(), tenant["operator"]!.GetValue<bool>()));
    }

    private HttpClient Client(string accessToken)
    {
        var client = Server.ClientWithKey(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string collection)
    {
        using var form = new MultipartFormDataContent { { new StringContent(collection), "collection" } };
        form.Add(new ByteArrayContent("# Notes\n\nSomething worth keeping."u8.ToArray()), "files", $"notes-{Guid.NewGuid():N}.md");
        return await client.PostAsync("api/v1/documents", form);
    }

    private async Task<List<string>> AuditActionsAsync(string query)
    {
        await Server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        using var owner = fixture.Acme["owner"].Client(Server);
        var page = (await owner.GetFromJsonAsync<JsonObject>("api/v1/admin/audit?" + query))!;
        return [.. page["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Reverse()];
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonNode.Parse(text)!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
