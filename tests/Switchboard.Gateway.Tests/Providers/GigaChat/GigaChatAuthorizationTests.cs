using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatAuthorizationTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

    private static HttpResponseMessage Token(string token, DateTimeOffset expiresAt) => new(HttpStatusCode.OK)
    {
        Content = new StringContent($$"""{"access_token":"{{token}}","expires_at":{{expiresAt.ToUnixTimeMilliseconds()}}}""", Encoding.UTF8, "application/json"),
    };

    [Fact]
    public async Task Fetch_PostsTheKeyScopeAndRqUid()
    {
        var handler = new FakeHandler(_ => Token("t1", _time.GetUtcNow().AddMinutes(30)));
        using var authorization = new GigaChatAuthorization(new HttpClient(handler), "https://auth.test/api/v2/oauth", "GIGACHAT_API_CORP", "a2V5", _time);

        Assert.Equal("t1", await authorization.GetTokenAsync(CancellationToken.None));

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://auth.test/api/v2/oauth", request.RequestUri!.ToString());
        Assert.Equal("Basic a2V5", request.Headers.Authorization!.ToString());
        Assert.True(Guid.TryParse(request.Headers.GetValues("RqUID").Single(), out _));
        Assert.Equal("application/json", request.Headers.Accept.Single().MediaType);
        Assert.Equal("scope=GIGACHAT_API_CORP", body);
    }

    [Fact]
    public async Task Token_IsKeptUntilAMinuteBeforeExpiry_ThenFetchedAgain()
    {
        var issued = 0;
        var handler = new FakeHandler(_ => Token("t" + ++issued, _time.GetUtcNow().AddMinutes(30)));
        using var authorization = new GigaChatAuthorization(new HttpClient(handler), null, null, "a2V5", _time);

        Assert.Equal("t1", await authorization.GetTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(28.9));
        Assert.Equal("t1", await authorization.GetTokenAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Equal("t2", await authorization.GetTokenAsync(CancellationToken.None));
        authorization.Invalidate();
        Assert.Equal("t3", await authorization.GetTokenAsync(CancellationToken.None));
        Assert.Equal("https://ngw.devices.sberbank.ru:9443/api/v2/oauth", handler.Requests[0].Request.RequestUri!.ToString());
        Assert.Equal("scope=GIGACHAT_API_PERS", handler.Requests[0].Body);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, "unusable")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limited")]
    [InlineData(HttpStatusCode.InternalServerError, "connection")]
    public async Task RejectedFetch_SaysAuthorisationFailed(HttpStatusCode status, string errorType)
    {
        var handler = new FakeHandler(_ => new HttpResponseMessage(status) { Content = new StringContent("""{"code":6,"message":"credentials doesn't match db data"}""") });
        using var authorization = new GigaChatAuthorization(new HttpClient(handler), null, null, "a2V5", _time);

        var error = await Assert.ThrowsAsync<ProviderException>(() => authorization.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal(errorType, error.ErrorType);
        Assert.Equal($"GigaChat authorisation failed: HTTP {(int)status}", error.Message);
    }

    [Fact]
    public async Task TlsFailure_SaysTheHandshakeFailed()
    {
        var handler = new FakeHandler(_ => throw new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established"));
        using var authorization = new GigaChatAuthorization(new HttpClient(handler), null, null, "a2V5", _time);

        var error = await Assert.ThrowsAsync<ProviderException>(() => authorization.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.Equal("connection", error.ErrorType);
        Assert.Equal("GigaChat authorisation failed: TLS handshake failed", error.Message);
    }

    [Fact]
    public async Task AnswerWithoutToken_SaysAuthorisationFailed()
    {
        var handler = new FakeHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}") });
        using var authorization = new GigaChatAuthorization(new HttpClient(handler), null, null, "a2V5", _time);

        var error = await Assert.ThrowsAsync<ProviderException>(() => authorization.GetTokenAsync(CancellationToken.None).AsTask());

        Assert.StartsWith("GigaChat authorisation failed", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Answers every request with <c>answer</c> and records it with its body.</summary>
    private sealed class FakeHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken)));
            return answer(request);
        }
    }
}
