using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Switchboard.Gateway.Observability;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class ObservabilityTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task EveryResponse_CarriesRequestIdAndOverheadHeaders()
    {
        using var ok = await fixture.Server.PostChatAsync("gpt-test");
        using var notFound = await fixture.Server.PostChatAsync("missing");

        foreach (var response in new[] { ok, notFound })
        {
            Assert.StartsWith("req_", response.Headers.GetValues("x-request-id").Single(), StringComparison.Ordinal);
            var overhead = double.Parse(response.Headers.GetValues("x-switchboard-overhead-ms").Single(), CultureInfo.InvariantCulture);
            Assert.True(overhead >= 0);
        }
    }

    [Fact]
    public async Task CallerRequestId_IsKeptAndSentUpstream()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-test","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", "trace-abc-123");

        using var response = await fixture.Server.Http.SendAsync(request);

        Assert.Equal("trace-abc-123", response.Headers.GetValues("x-request-id").Single());
        Assert.Contains(fixture.Stub.Requests, r => r.RequestId == "trace-abc-123");
    }

    [Fact]
    public async Task EachRequest_LogsOneStructuredLine()
    {
        using var response = await fixture.Server.PostChatAsync("failover-500");
        var requestId = response.Headers.GetValues("x-request-id").Single();

        var entry = await fixture.Server.Logs.WaitForAsync(e => e.EventId == 100 && Equals(e.Properties["RequestId"], requestId));

        Assert.NotNull(entry);
        Assert.Equal("admin", entry.Properties["KeyId"]);
        Assert.Equal("failover-500", entry.Properties["Alias"]);
        Assert.Equal("stub/upstream-model", entry.Properties["Deployment"]);
        Assert.Equal(200, entry.Properties["Status"]);
        Assert.Equal(2, entry.Properties["Attempts"]);
        Assert.Equal(11, entry.Properties["InputTokens"]);
        Assert.Equal(7, entry.Properties["OutputTokens"]);
        Assert.True((int)entry.Properties["RequestBytes"]! > 0);
        Assert.Null(entry.Properties["ErrorType"]);
        Assert.Null(entry.Properties["TtftMs"]);
        Assert.True((double)entry.Properties["UpstreamMs"]! > 0);
        Assert.True((double)entry.Properties["OverheadMs"]! >= 0);
        Assert.Single(fixture.Server.Logs.Entries, e => e.EventId == 100 && Equals(e.Properties["RequestId"], requestId));
        // The failed first attempt is logged too, and nothing logs the upstream key.
        Assert.Contains(fixture.Server.Logs.Entries, e => e.EventId == 101 && e.Message.Contains(requestId, StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Server.Logs.Entries, e => e.Message.Contains(GatewayServer.UpstreamKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task StreamedRequest_LogsTimeToFirstToken()
    {
        using var response = await fixture.Server.PostChatAsync("gpt-test", stream: true);
        await response.Content.ReadAsStringAsync();
        var requestId = response.Headers.GetValues("x-request-id").Single();

        var entry = await fixture.Server.Logs.WaitForAsync(e => e.EventId == 100 && Equals(e.Properties["RequestId"], requestId));

        Assert.NotNull(entry);
        Assert.True((double)entry.Properties["TtftMs"]! > 0);
        Assert.Equal("stop", entry.Properties["FinishReason"]);
        Assert.Equal(5, entry.Properties["OutputTokens"]);
    }

    [Fact]
    public async Task Metrics_ExposeRequestsLatencyTtftTokensAndErrorsByAliasAndDeployment()
    {
        using (await fixture.Server.PostChatAsync("gpt-test"))
        using (var stream = await fixture.Server.PostChatAsync("gpt-test", stream: true))
        using (await fixture.Server.PostChatAsync("failover-500"))
        {
            await stream.Content.ReadAsStringAsync();
        }

        var metrics = await fixture.Server.Http.GetStringAsync("metrics");

        Assert.Contains("switchboard_requests_total{", metrics, StringComparison.Ordinal);
        Assert.Matches("""switchboard_requests_total\{[^}]*alias="gpt-test",deployment="stub/upstream-model",status="200"\} [1-9]""", metrics);
        Assert.Matches("""switchboard_request_duration_seconds_bucket\{[^}]*alias="gpt-test"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""switchboard_time_to_first_token_seconds_count\{[^}]*alias="gpt-test"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="gpt-test"[^}]*type="input"\} [1-9]""", metrics);
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="gpt-test"[^}]*type="cached_input"\} [1-9]""", metrics);
        Assert.Matches("""switchboard_tokens_total\{[^}]*alias="gpt-test"[^}]*type="reasoning"\} [1-9]""", metrics);
        Assert.Matches("""switchboard_errors_total\{[^}]*alias="failover-500",deployment="stub/fail-500",error_type="upstream_5xx"\} [1-9]""", metrics);
        // A served request is not an error, whichever deployment served it.
        Assert.DoesNotMatch("""switchboard_errors_total\{[^}]*deployment="stub/upstream-model"[^}]*\}""", metrics);
    }

    [Fact]
    public async Task Traces_CarryGenAiAttributes()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        using var response = await fixture.Server.PostChatAsync("gpt-test");
        var requestId = response.Headers.GetValues("x-request-id").Single();

        // The span ends once the response is complete, which can be just after the client has read it.
        for (var i = 0; i < 200 && !stopped.Any(IsOurs); i++)
        {
            await Task.Delay(20);
        }

        var activity = Assert.Single(stopped, IsOurs);
        Assert.Equal("chat gpt-test", activity.DisplayName);
        Assert.Equal("chat", activity.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("gpt-test", activity.GetTagItem("gen_ai.request.model"));
        Assert.Equal("upstream-model", activity.GetTagItem("gen_ai.response.model"));
        Assert.Equal(11, activity.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(7, activity.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal("stub", activity.GetTagItem("gen_ai.provider.name"));

        bool IsOurs(Activity a) => (string?)a.GetTagItem("switchboard.request_id") == requestId;
    }

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutAKey()
    {
        using var client = fixture.Server.ClientWithKey(null);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("readyz")).StatusCode);
    }

}
