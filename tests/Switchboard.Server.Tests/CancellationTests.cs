using System.Text;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class CancellationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task ClientDisconnectMidStream_CancelsTheUpstreamRequest()
    {
        using var client = fixture.Server.ClientWithKey(GatewayServer.AdminKey);
        using var cts = new CancellationTokenSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"slow","stream":true,"messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var requestId = response.Headers.GetValues("x-request-id").Single();
        var stream = await response.Content.ReadAsStreamAsync(cts.Token);
        var firstBytes = new byte[16];
        await stream.ReadAtLeastAsync(firstBytes, 1, cancellationToken: cts.Token);

        await cts.CancelAsync();
        response.Dispose();

        Assert.True(await fixture.Stub.WaitForAbortAsync(requestId), "the upstream never saw the cancellation");
        var log = await fixture.Server.Logs.WaitForAsync(e => e.EventId == 100 && e.Message.Contains(requestId, StringComparison.Ordinal));
        Assert.Contains("status=499", log!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientDisconnectWhileWaitingForResponse_CancelsTheUpstreamRequest()
    {
        using var client = fixture.Server.ClientWithKey(GatewayServer.AdminKey);
        using var cts = new CancellationTokenSource();
        var requestId = "cancel-test-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions")
        {
            Content = new StringContent("""{"model":"stall","messages":[{"role":"user","content":"x"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-request-id", requestId);
        var pending = client.SendAsync(request, cts.Token);
        await WaitUntilAsync(() => fixture.Stub.Requests.Any(r => r.RequestId == requestId));

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);

        Assert.True(await fixture.Stub.WaitForAbortAsync(requestId), "the upstream never saw the cancellation");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "the condition was not met in time");
    }
}
