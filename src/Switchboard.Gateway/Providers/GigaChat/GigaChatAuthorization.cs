using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Switchboard.Gateway.Relay;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// GigaChat access tokens: <c>POST {authUrl}</c> with the authorisation key as Basic credentials, a fresh
/// uuid4 <c>RqUID</c> and the form field <c>scope</c> answers <c>{"access_token","expires_at"}</c> (unix
/// milliseconds, 30 minutes ahead). Tokens are kept until a minute before they expire and fetched by one
/// caller at a time; a token the API rejects is dropped with <see cref="Invalidate"/>. Failures become
/// <see cref="ProviderException"/>s saying "GigaChat authorisation failed". One per adapter; thread-safe.
/// </summary>
internal sealed class GigaChatAuthorization : IDisposable
{
    public const string DefaultAuthUrl = "https://ngw.devices.sberbank.ru:9443/api/v2/oauth";
    public const string DefaultScope = "GIGACHAT_API_PERS";

    private static readonly TimeSpan RefreshBefore = TimeSpan.FromSeconds(60);

    // Documented lifetime, for an answer without expires_at.
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

    private readonly HttpClient _http;
    private readonly Uri _authUri;
    private readonly string _scope;
    private readonly string? _authorizationKey;
    private readonly TimeProvider _time;
    private readonly CachedToken _token;

    public GigaChatAuthorization(HttpClient http, string? authUrl, string? scope, string? authorizationKey, TimeProvider time)
    {
        _http = http;
        _authUri = new Uri(authUrl ?? DefaultAuthUrl);
        _scope = scope ?? DefaultScope;
        _authorizationKey = authorizationKey;
        _time = time;
        _token = new CachedToken(FetchAsync, time, RefreshBefore);
    }

    /// <summary>How many tokens were obtained so far.</summary>
    public int Fetches => _token.Fetches;

    public ValueTask<string> GetTokenAsync(CancellationToken cancellationToken) => _token.GetAsync(cancellationToken);

    public void Invalidate() => _token.Invalidate();

    public void Dispose() => _token.Dispose();

    private async Task<(string Token, DateTimeOffset ExpiresAt)> FetchAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(_authorizationKey))
        {
            throw new ProviderException(ErrorTypes.Unusable, "GigaChat authorisation failed: no authorization key");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _authUri)
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("scope", _scope)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", _authorizationKey);
        request.Headers.TryAddWithoutValidation("RqUID", Guid.NewGuid().ToString("D"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ErrorTypes.Connection, "GigaChat authorisation failed: " + ErrorTypes.DescribeSendFailure(ex), ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderException(ErrorTypeOf(response.StatusCode), $"GigaChat authorisation failed: HTTP {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return ParseToken(body) ?? throw new ProviderException(ErrorTypes.Connection, "GigaChat authorisation failed: the answer holds no access_token");
        }
    }

    private (string Token, DateTimeOffset ExpiresAt)? ParseToken(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (StringOf(root, "access_token") is not { Length: > 0 } token)
            {
                return null;
            }

            var expiresAt = LongOf(root, "expires_at") is { } milliseconds
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : _time.GetUtcNow() + DefaultLifetime;
            return (token, expiresAt);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A rejected key or scope is the configuration's fault: not a reason to mark the deployment unhealthy.
    private static string ErrorTypeOf(HttpStatusCode status) => (int)status switch
    {
        429 => ErrorTypes.RateLimited,
        >= 500 => ErrorTypes.Connection,
        _ => ErrorTypes.Unusable,
    };
}
