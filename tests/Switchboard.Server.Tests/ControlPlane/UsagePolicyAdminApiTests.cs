using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Accounting;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.Tests.Infrastructure;
using Switchboard.Server.Usage.Policy;
using static Switchboard.Server.Tests.ControlPlane.AdminApiTests;

namespace Switchboard.Server.Tests.ControlPlane;

/// <summary>
/// <c>/api/v1/admin/limits</c> and <c>/api/v1/admin/budgets</c> on a real server with two tenants: set, listed with names
/// and spend, removed, audited, in force in the gateway before the answer, and validated with problems naming the field.
/// </summary>
public sealed class UsagePolicyAdminApiTests(TenantsFixture fixture) : IClassFixture<TenantsFixture>
{
    private GatewayServer Server => fixture.Server;

    [Fact]
    public async Task Limits_SetForTheTenantATeamAndAKey_AreListed_ApplyAtOnce_AndAreAudited()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        var member = fixture.Acme["member"];
        var teamId = await CreateTeamAsync(admin, "limited-team");

        using var tenant = await admin.PutAsJsonAsync($"api/v1/admin/limits/tenant/{fixture.AcmeId}", new { requests_per_minute = 3000, max_concurrent_requests = 200 });
        using var team = await admin.PutAsJsonAsync($"api/v1/admin/limits/team/{teamId}", new { tokens_per_minute = 20000 });
        using var key = await admin.PutAsJsonAsync($"api/v1/admin/limits/key/{member.KeyId}", new { requests_per_minute = 1 });
        var list = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/limits"))!["limits"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, tenant.StatusCode);
        var tenantView = (await tenant.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("tenant", "acme", 3000, 200), (tenantView["scope"]!.GetValue<string>(), tenantView["name"]!.GetValue<string>(),
            tenantView["requests_per_minute"]!.GetValue<int>(), tenantView["max_concurrent_requests"]!.GetValue<int>()));
        Assert.Null(tenantView["tokens_per_minute"]);
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Equal(["tenant:acme", "team:limited-team", $"key:{member.Email} key"],
            list.Select(l => l!["scope"]!.GetValue<string>() + ":" + l["name"]!.GetValue<string>()));

        // In force before the answer: the member's key allows one request a minute.
        using var models = member.Client(Server, useKey: true);
        Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(models));
        using (var refused = await models.PostAsJsonAsync("v1/chat/completions", Chat))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("key:requests_per_minute", Assert.Single(refused.Headers.GetValues("x-switchboard-limit")));
        }

        // 0 removes a limit; with none left the key's row goes (204) and the key is free again.
        using var lifted = await admin.PutAsJsonAsync($"api/v1/admin/limits/key/{member.KeyId}", new { requests_per_minute = 0 });
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ChatStatusAsync(models));

        using var removed = await admin.DeleteAsync($"api/v1/admin/limits/team/{teamId}");
        using var again = await admin.DeleteAsync($"api/v1/admin/limits/team/{teamId}");
        using var tenantRemoved = await admin.DeleteAsync($"api/v1/admin/limits/tenant/{fixture.AcmeId}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "The team 'limited-team' has no stored limits.");
        Assert.Equal(HttpStatusCode.NoContent, tenantRemoved.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/limits"))!["limits"]!.AsArray());

        var audited = await AuditAsync("action=limits.*");
        Assert.Equal([
                (AuditActions.LimitsUpdated, $"tenant:{fixture.AcmeId}"), (AuditActions.LimitsUpdated, $"team:{teamId}"), (AuditActions.LimitsUpdated, $"key:{member.KeyId}"),
                (AuditActions.LimitsRemoved, $"key:{member.KeyId}"), (AuditActions.LimitsRemoved, $"team:{teamId}"), (AuditActions.LimitsRemoved, $"tenant:{fixture.AcmeId}"),
            ], audited.Select(e => (e["action"]!.GetValue<string>(), e["target"]!.GetValue<string>())));
        Assert.Equal($"user:{fixture.Acme["admin"].UserId}", audited[0]["actor"]!.GetValue<string>());
        Assert.Equal("3000", audited[0]["details"]!["requests_per_minute"]!.GetValue<string>());
    }

    [Fact]
    public async Task Budgets_AreInTheTenantsCurrency_ShowTheirWindow_AndApplyAtOnce()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        var teamId = await CreateTeamAsync(admin, "budgeted-team");
        var policy = Server.App.Services.GetRequiredService<DatabaseUsagePolicyProvider>();
        var acme = fixture.AcmeId.ToString();

        using var daily = await admin.PutAsJsonAsync($"api/v1/admin/budgets/tenant/{fixture.AcmeId}/day", new { limit = 1500, soft_limit = 1200.5m });
        using var monthly = await admin.PutAsJsonAsync($"api/v1/admin/budgets/team/{teamId}/month", new { limit = 40 });
        var budget = (await daily.Content.ReadFromJsonAsync<JsonObject>())!;
        var list = (await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/budgets"))!["budgets"]!.AsArray();

        Assert.Equal(HttpStatusCode.OK, daily.StatusCode);
        Assert.Equal(HttpStatusCode.OK, monthly.StatusCode);
        Assert.Equal(("tenant", "acme", "day", 1500m, 1200.5m, "RUB"), (budget["scope"]!.GetValue<string>(), budget["name"]!.GetValue<string>(),
            budget["period"]!.GetValue<string>(), budget["limit"]!.GetValue<decimal>(), budget["soft_limit"]!.GetValue<decimal>(), budget["currency"]!.GetValue<string>()));
        // The current UTC day.
        var (windowStart, resetsAt) = (budget["window_start"]!.GetValue<DateTimeOffset>(), budget["resets_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(TimeSpan.Zero, windowStart.UtcDateTime.TimeOfDay);
        Assert.Equal(windowStart.AddDays(1), resetsAt);
        Assert.InRange(DateTimeOffset.UtcNow, windowStart, resetsAt);
        Assert.Equal(0m, budget["spent"]!.GetValue<decimal>());
        Assert.Equal(["tenant:acme:day", "team:budgeted-team:month"],
            list.Select(b => $"{b!["scope"]!.GetValue<string>()}:{b["name"]!.GetValue<string>()}:{b["period"]!.GetValue<string>()}"));
        // The process's limits and budgets in force already hold them (no wait for the refresh interval).
        Assert.Equal(1500m, Assert.Single(policy.Current.BudgetsOf(UsageScope.Tenant, acme)!).Limit);
        Assert.Equal("RUB", Assert.Single(policy.Current.BudgetsOf(UsageScope.Team, teamId)!).Currency);

        using var removed = await admin.DeleteAsync($"api/v1/admin/budgets/tenant/{fixture.AcmeId}/day");
        using var again = await admin.DeleteAsync($"api/v1/admin/budgets/tenant/{fixture.AcmeId}/day");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await AssertProblemAsync(again, HttpStatusCode.NotFound, "The tenant 'acme' has no daily budget.");
        Assert.Null(policy.Current.BudgetsOf(UsageScope.Tenant, acme));

        var audited = await AuditAsync("action=budget.*");
        Assert.Equal([(AuditActions.BudgetUpdated, "day"), (AuditActions.BudgetUpdated, "month"), (AuditActions.BudgetRemoved, "day")],
            audited.Select(e => (e["action"]!.GetValue<string>(), e["details"]!["period"]!.GetValue<string>())));
        Assert.Equal(("1500", "1200.5", "RUB"), (audited[0]["details"]!["limit"]!.GetValue<string>(), audited[0]["details"]!["soft_limit"]!.GetValue<string>(),
            audited[0]["details"]!["currency"]!.GetValue<string>()));
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAProblemNamingIt_AndNothingIsStored()
    {
        using var admin = fixture.Acme["admin"].Client(Server);
        var tenant = $"api/v1/admin/limits/tenant/{fixture.AcmeId}";
        var budget = $"api/v1/admin/budgets/tenant/{fixture.AcmeId}";

        await AssertProblemAsync(await admin.PutAsJsonAsync($"api/v1/admin/limits/galaxy/{fixture.AcmeId}", new { requests_per_minute = 1 }),
            HttpStatusCode.BadRequest, "The scope 'galaxy' must be tenant, team or key.");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"api/v1/admin/limits/team/{Guid.NewGuid()}", new { requests_per_minute = 1 }),
            HttpStatusCode.NotFound, "No team with the id");
        await AssertProblemAsync(await admin.PutAsJsonAsync(tenant, new { requests_per_minute = -1 }),
            HttpStatusCode.BadRequest, "Requests per minute must be zero (no limit) or positive, not -1.");
        await AssertProblemAsync(await admin.PutAsJsonAsync(tenant, new { }), HttpStatusCode.BadRequest, "Name at least one limit to set");
        await AssertProblemAsync(await admin.PutAsJsonAsync(tenant, new { rpm = 5 }), HttpStatusCode.BadRequest, "rpm");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"{budget}/week", new { limit = 10 }), HttpStatusCode.BadRequest, "The period 'week' must be day or month.");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"{budget}/day", new { soft_limit = 5 }), HttpStatusCode.BadRequest, "'limit' is required");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"{budget}/day", new { limit = 0 }), HttpStatusCode.BadRequest, "The limit must be a positive amount");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"{budget}/day", new { limit = 10, soft_limit = 20 }),
            HttpStatusCode.BadRequest, "The soft limit must be a positive amount no larger than the limit.");
        await AssertProblemAsync(await admin.PutAsJsonAsync($"{budget}/day", new { limit = 10, currency = "USD" }), HttpStatusCode.BadRequest, "currency");

        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/limits"))!["limits"]!.AsArray());
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonObject>("api/v1/admin/budgets"))!["budgets"]!.AsArray(),
            b => b!["scope"]!.GetValue<string>() == "tenant");
    }

    [Fact]
    public async Task AdminsOfAnotherTenant_ManageTheirOwn_AndMembersOnlyRead()
    {
        using var globex = fixture.Globex["admin"].Client(Server);
        using var member = fixture.Acme["member"].Client(Server);

        using var own = await globex.PutAsJsonAsync($"api/v1/admin/budgets/tenant/{fixture.GlobexId}/month", new { limit = 100 });
        var listed = (await globex.GetFromJsonAsync<JsonObject>("api/v1/admin/budgets"))!["budgets"]!.AsArray();
        using var read = await member.GetAsync("api/v1/admin/budgets");
        using var change = await member.PutAsJsonAsync($"api/v1/admin/limits/tenant/{fixture.AcmeId}", new { requests_per_minute = 1 });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("globex", Assert.Single(listed)!["name"]!.GetValue<string>());
        await AssertProblemAsync(read, HttpStatusCode.Forbidden, "'usage.read'");
        await AssertProblemAsync(change, HttpStatusCode.Forbidden, "'limits.manage'");
        using var removed = await globex.DeleteAsync($"api/v1/admin/budgets/tenant/{fixture.GlobexId}/month");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
    }

    private static readonly object Chat = new { model = "chat", messages = new[] { new { role = "user", content = "hello" } } };

    private static async Task<HttpStatusCode> ChatStatusAsync(HttpClient client)
    {
        using var response = await client.PostAsJsonAsync("v1/chat/completions", Chat);
        return response.StatusCode;
    }

    private static async Task<string> CreateTeamAsync(HttpClient admin, string name)
    {
        using var created = await admin.PostAsJsonAsync("api/v1/admin/teams", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>The acme entries matching <paramref name="query"/>, oldest first.</summary>
    private async Task<List<JsonNode>> AuditAsync(string query)
    {
        await Server.App.Services.GetRequiredService<AuditLog>().FlushAsync(default);
        using var owner = fixture.Acme["owner"].Client(Server);
        var page = (await owner.GetFromJsonAsync<JsonObject>("api/v1/admin/audit?" + query))!;
        return [.. page["entries"]!.AsArray().Select(e => e!).Reverse()];
    }
}
