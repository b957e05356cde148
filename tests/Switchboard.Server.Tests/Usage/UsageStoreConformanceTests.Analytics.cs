using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Accounting;

namespace Switchboard.Server.Tests.Usage;

public abstract partial class UsageStoreConformanceTests
{
    private static readonly DateTimeOffset Ten = new(2030, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private const string Range = "from=2030-05-01T10:00:00Z&to=2030-05-01T12:00:00Z";

    /// <summary>
    /// Tenant A: at 10:xx three requests (ann on chat twice, bob on code once, one of them a 502), at 11:xx one (ann, code).
    /// Tenant B: one request at 10:xx. A legacy key without a tenant: one request at 11:xx.
    /// </summary>
    private static async Task SeedAsync(UsageHarness server)
    {
        var sink = server.Services.GetRequiredService<IUsageSink>();
        sink.Record(Entry(Ten.AddMinutes(5), "A", "ann", "chat", latencyMs: 100, cost: 0.01m, team: "t1"));
        sink.Record(Entry(Ten.AddMinutes(15), "A", "ann", "chat", latencyMs: 300, cost: 0.02m, team: "t1"));
        sink.Record(Entry(Ten.AddMinutes(25), "A", "bob", "code", status: 502, latencyMs: 200, cost: 0m, key: "k2"));
        sink.Record(Entry(Ten.AddMinutes(65), "A", "ann", "code", latencyMs: 400, cost: 0.04m, team: "t1"));
        sink.Record(Entry(Ten.AddMinutes(30), "B", "cat", "chat", latencyMs: 1000, cost: 5m, currency: "RUB", key: "kb"));
        sink.Record(Entry(Ten.AddMinutes(70), null, null, "chat", latencyMs: 50, cost: 0.5m, key: "legacy"));
        await server.FlushLedgerAsync();
    }

    [Fact]
    public async Task Analytics_TimeSeriesByHour_WithTotals()
    {
        var server = await StartServerAsync();
        await SeedAsync(server);
        var report = await GetAsync(server.Server.Http, $"api/v1/analytics?{Range}&interval=hour");

        var totals = report["totals"]!;
        Assert.Equal((6, 1), (totals["requests"]!.GetValue<int>(), totals["errors"]!.GetValue<int>()));
        Assert.Equal((60, 30), (totals["tokens_in"]!.GetValue<int>(), totals["tokens_out"]!.GetValue<int>()));
        Assert.Equal(0.57m, totals["cost"]!["USD"]!.GetValue<decimal>());
        Assert.Equal(5m, totals["cost"]!["RUB"]!.GetValue<decimal>());
        Assert.Equal((200.0, 1000.0), (totals["latency_p50_ms"]!.GetValue<double>(), totals["latency_p95_ms"]!.GetValue<double>()));
        Assert.Equal((3, 4), (totals["active_users"]!.GetValue<int>(), totals["active_keys"]!.GetValue<int>()));

        var series = report["series"]!.AsArray();
        Assert.Equal(["2030-05-01T10:00:00Z", "2030-05-01T11:00:00Z"], series.Select(p => p!["bucket"]!.GetValue<string>()));
        Assert.Equal([4, 2], series.Select(p => p!["requests"]!.GetValue<int>()));
        Assert.Equal(0.25, series[0]!["error_rate"]!.GetValue<double>());
        Assert.Equal((200.0, 1000.0), (series[0]!["latency_p50_ms"]!.GetValue<double>(), series[0]!["latency_p95_ms"]!.GetValue<double>()));
        Assert.Equal(3, series[0]!["active_users"]!.GetValue<int>());
        Assert.Empty(report["breakdown"]!.AsArray());
    }

    [Fact]
    public async Task Analytics_GroupBy_GivesSeriesPerGroupAndABreakdown()
    {
        var server = await StartServerAsync();
        await SeedAsync(server);
        var report = await GetAsync(server.Server.Http, $"api/v1/analytics?{Range}&interval=day&group_by=model&tenant=A");

        var series = report["series"]!.AsArray();
        Assert.Equal([("chat", 2), ("code", 2)], series.Select(p => (p!["group"]!.GetValue<string>(), p["requests"]!.GetValue<int>())));
        Assert.All(series, p => Assert.Equal("2030-05-01T00:00:00Z", p!["bucket"]!.GetValue<string>()));
        var breakdown = report["breakdown"]!.AsArray();
        Assert.Equal(["chat", "code"], breakdown.Select(g => g!["group"]!.GetValue<string>()));
        Assert.Equal(0.03m, breakdown[0]!["cost"]!["USD"]!.GetValue<decimal>());
        Assert.Equal((1, 2), (breakdown[1]!["errors"]!.GetValue<int>(), breakdown[1]!["active_users"]!.GetValue<int>()));

        var byUser = await GetAsync(server.Server.Http, $"api/v1/analytics?{Range}&group_by=user&tenant=A");
        Assert.Equal([("ann", 3), ("bob", 1)], byUser["breakdown"]!.AsArray().Select(g => (g!["group"]!.GetValue<string>(), g["requests"]!.GetValue<int>())));
        var byTeam = await GetAsync(server.Server.Http, $"api/v1/analytics?{Range}&group_by=team&tenant=A&user=ann");
        Assert.Equal(["t1"], byTeam["breakdown"]!.AsArray().Select(g => g!["group"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Analytics_AdminsSeeTheirTenant_MembersThemselves_NobodyAnotherTenant()
    {
        var server = await StartServerAsync();
        var acme = await server.CreateTenantAsync("acme");
        var other = await server.CreateTenantAsync("other", "RUB");
        var (admin, _) = await server.UserKeyAsync(acme.Id, Switchboard.Server.ControlPlane.Accounts.UserRole.Admin);
        var (member, memberId) = await server.UserKeyAsync(acme.Id, Switchboard.Server.ControlPlane.Accounts.UserRole.Member);
        var (otherAdmin, _) = await server.UserKeyAsync(other.Id, Switchboard.Server.ControlPlane.Accounts.UserRole.Owner);
        var sink = server.Services.GetRequiredService<IUsageSink>();
        sink.Record(Entry(Ten.AddMinutes(5), acme.Id.ToString("D"), "ann", "chat"));
        sink.Record(Entry(Ten.AddMinutes(6), acme.Id.ToString("D"), "bob", "chat"));
        sink.Record(Entry(Ten.AddMinutes(7), acme.Id.ToString("D"), memberId.ToString("D"), "code"));
        sink.Record(Entry(Ten.AddMinutes(8), other.Id.ToString("D"), "cat", "chat", currency: "RUB"));
        await server.FlushLedgerAsync();

        // An admin (usage.read) sees the tenant, whether or not it names it.
        var tenantWide = await GetAsync(admin, $"api/v1/analytics?{Range}");
        Assert.Equal((3, acme.Id.ToString("D")), (tenantWide["totals"]!["requests"]!.GetValue<int>(), tenantWide["tenant"]!.GetValue<string>()));
        Assert.Null(tenantWide["totals"]!["cost"]!["RUB"]);

        // A member sees their own requests only, whatever user they ask for.
        Assert.Equal(1, (await GetAsync(member, $"api/v1/analytics?{Range}"))["totals"]!["requests"]!.GetValue<int>());
        Assert.Equal(1, (await GetAsync(member, $"api/v1/analytics?{Range}&user=ann"))["totals"]!["requests"]!.GetValue<int>());

        // Nobody reads another tenant's usage; the other tenant's owner sees only theirs.
        foreach (var (client, foreign) in new[] { (admin, other.Id), (member, other.Id), (otherAdmin, acme.Id) })
        {
            using var refused = await client.GetAsync($"api/v1/analytics?{Range}&tenant={foreign:D}");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(1, (await GetAsync(otherAdmin, $"api/v1/analytics?{Range}"))["totals"]!["requests"]!.GetValue<int>());

        using var anonymous = server.Server.ClientWithKey(null);
        using var unauthorized = await anonymous.GetAsync($"api/v1/analytics?{Range}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Fact]
    public async Task Analytics_ExportsCsv_AndRejectsBadQueries()
    {
        var server = await StartServerAsync();
        await SeedAsync(server);
        using var response = await server.Server.Http.GetAsync($"api/v1/analytics?{Range}&group_by=model&format=csv");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bucket,group,requests,errors,error_rate,tokens_in,tokens_out,latency_p50_ms,latency_p95_ms,active_users,active_keys,cost_rub,cost_usd", lines[0]);
        Assert.Equal("2030-05-01T10:00:00Z,chat,3,0,0,30,15,300,1000,2,2,5,0.03", lines[1]);
        Assert.Equal(5, lines.Length);

        foreach (var bad in new[] { "interval=week", "group_by=color", "from=yesterday", $"{Range}&format=xml", "from=2030-05-02T00:00:00Z&to=2030-05-01T00:00:00Z" })
        {
            using var refused = await server.Server.Http.GetAsync($"api/v1/analytics?{bad}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!;
    }
}
