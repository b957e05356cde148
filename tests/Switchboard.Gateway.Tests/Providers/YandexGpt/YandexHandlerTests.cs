using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Providers.YandexGpt;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexHandlerTests
{
    private const string Running = """{"id":"op1","done":false}""";

    private readonly FakeTimeProvider _time = new();
    private readonly List<HttpRequestMessage> _sent = [];
    private readonly Queue<(HttpStatusCode Status, string Body)> _answers = new();

    [Fact]
    public async Task AwaitOperation_PollsUntilDone_AndAnswersWithTheResult()
    {
        _answers.Enqueue((HttpStatusCode.OK, Running));
        _answers.Enqueue((HttpStatusCode.OK, Running));
        _answers.Enqueue((HttpStatusCode.OK, """{"id":"op1","done":true,"response":{"alternatives":[],"usage":{"inputTextTokens":"1"}}}"""));

        using var response = await SendWithClockAsync(AsyncCompletion());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("1", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["result"]!["usage"]!["inputTextTokens"]!.GetValue<string>());
        Assert.Equal(["POST", "GET", "GET"], _sent.Select(r => r.Method.Method));
        Assert.All(_sent.Skip(1), r => Assert.Equal("https://ops.example/operations/op1", r.RequestUri!.ToString()));
        Assert.All(_sent, r => Assert.Equal("Api-Key k", r.Headers.Authorization!.ToString()));
    }

    [Fact]
    public async Task AwaitOperation_FailedOperation_AnswersWithTheStatusOfItsGrpcCode()
    {
        _answers.Enqueue((HttpStatusCode.OK, """{"id":"op1","done":true,"error":{"code":8,"message":"quota","details":[]}}"""));

        using var response = await SendWithClockAsync(AsyncCompletion());

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("quota", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AwaitOperation_Cancelled_StopsPolling()
    {
        _answers.Enqueue((HttpStatusCode.OK, Running));
        using var cts = new CancellationTokenSource();
        using var client = Client();
        var sending = client.SendAsync(AsyncCompletion(), cts.Token);
        await Task.Delay(50);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
        Assert.Single(_sent);
    }

    [Fact]
    public async Task Embeddings_OneCallPerText_InOrder_AsAJsonArray()
    {
        _answers.Enqueue((HttpStatusCode.OK, """{"embedding":[1],"numTokens":"1"}"""));
        _answers.Enqueue((HttpStatusCode.OK, """{"embedding":[2],"numTokens":"2"}"""));

        using var client = Client();
        using var response = await client.SendAsync(Embeddings("a", "b"));

        var answers = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal([1.0, 2.0], answers.Select(a => a!["embedding"]![0]!.GetValue<double>()));
        Assert.Equal(2, _sent.Count);
    }

    [Fact]
    public async Task Embeddings_AFailedCall_IsTheAnswer()
    {
        _answers.Enqueue((HttpStatusCode.OK, """{"embedding":[1],"numTokens":"1"}"""));
        _answers.Enqueue((HttpStatusCode.TooManyRequests, """{"error":{"message":"slow down"}}"""));

        using var client = Client();
        using var response = await client.SendAsync(Embeddings("a", "b", "c"));

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(2, _sent.Count);
    }

    private async Task<HttpResponseMessage> SendWithClockAsync(HttpRequestMessage request)
    {
        using var client = Client();
        var sending = client.SendAsync(request);
        for (var i = 0; i < 200 && !sending.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        return await sending;
    }

    private HttpClient Client()
    {
        var provider = new UpstreamProvider("y", new Uri("https://llm.example/"), "k", null, new Dictionary<string, string>())
        {
            Config = new Switchboard.Gateway.Configuration.ProviderConfig { FolderId = "f", OperationsUrl = "https://ops.example" },
        };
        var inner = new HttpClient(new Answering(this));
        return new HttpClient(new YandexHandler(inner, new YandexEndpoints(provider), _time));
    }

    private static HttpRequestMessage AsyncCompletion()
    {
        var request = Post("https://llm.example/foundationModels/v1/completionAsync", "{}");
        request.Options.Set(YandexHandler.AwaitOperation, true);
        return request;
    }

    private static HttpRequestMessage Embeddings(params string[] texts)
    {
        var request = Post("https://llm.example/foundationModels/v1/textEmbedding", "{}");
        request.Options.Set(YandexHandler.Embeddings, new YandexHandler.EmbeddingCalls(texts.Select(t => Encoding.UTF8.GetBytes($$"""{"text":"{{t}}"}""")).ToList()));
        return request;
    }

    private static HttpRequestMessage Post(string url, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body) };
        request.Headers.TryAddWithoutValidation("Authorization", "Api-Key k");
        return request;
    }

    /// <summary>The provider: records each request and answers with the next queued answer.</summary>
    private sealed class Answering(YandexHandlerTests test) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            test._sent.Add(request);
            var (status, body) = test._answers.Dequeue();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
