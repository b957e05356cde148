using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// The <c>Authorization</c> header of a YandexGPT provider: <c>Api-Key &lt;key&gt;</c> (auth <c>api-key</c>,
/// the default), <c>Bearer &lt;token&gt;</c> with a ready IAM token (<c>iam-token</c>), or <c>Bearer</c> with
/// IAM tokens obtained from a service account key (<c>service-account</c>) and kept until shortly before
/// they expire. A token the service rejects is dropped so the next request fetches a new one. Thread-safe.
/// </summary>
internal sealed class YandexCredentials : IDisposable
{
    /// <summary>How long before its expiry an IAM token is replaced (Yandex issues them for 12 hours).</summary>
    public static readonly TimeSpan RefreshBefore = TimeSpan.FromMinutes(5);

    private readonly AuthenticationHeaderValue? _fixed;
    private readonly CachedToken? _iamTokens;

    public YandexCredentials(AdapterContext context, YandexEndpoints endpoints)
    {
        var provider = context.Provider;
        switch (provider.Config?.Auth)
        {
            case "service-account":
                var keyFile = provider.Config.ServiceAccountKeyFile ?? "";
                _iamTokens = new CachedToken(ct => FetchIamTokenAsync(context.Http, endpoints.Auth, keyFile, context.Time, ct), context.Time, RefreshBefore);
                break;
            case "iam-token":
                _fixed = provider.ApiKey is null ? null : new AuthenticationHeaderValue("Bearer", provider.ApiKey);
                break;
            default:
                _fixed = provider.ApiKey is null ? null : new AuthenticationHeaderValue("Api-Key", provider.ApiKey);
                break;
        }
    }

    /// <summary>IAM tokens fetched so far (service-account auth only).</summary>
    public int IamTokenFetches => _iamTokens?.Fetches ?? 0;

    public async ValueTask<AuthenticationHeaderValue> GetAsync(CancellationToken cancellationToken)
    {
        if (_iamTokens is not null)
        {
            return new AuthenticationHeaderValue("Bearer", await _iamTokens.GetAsync(cancellationToken).ConfigureAwait(false));
        }

        return _fixed ?? throw new ProviderException(ErrorTypes.Unusable, "the yandexgpt provider has no API key");
    }

    /// <summary>The service answered 401: a cached IAM token is no longer good.</summary>
    public void Rejected() => _iamTokens?.Invalidate();

    public void Dispose() => _iamTokens?.Dispose();

    private static async Task<(string Token, DateTimeOffset ExpiresAt)> FetchIamTokenAsync(HttpClient http, Uri authUrl, string keyFile,
        TimeProvider time, CancellationToken cancellationToken)
    {
        string jwt;
        try
        {
            var key = ServiceAccountKey.Parse(await File.ReadAllTextAsync(keyFile, cancellationToken).ConfigureAwait(false));
            jwt = key.CreateJwt(time.GetUtcNow());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidDataException
                                       or CryptographicException or ArgumentException)
        {
            throw new ProviderException(ErrorTypes.Unusable, "the service account key file could not be used", ex);
        }

        var body = OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("jwt", jwt);
            json.WriteEndObject();
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, authUrl) { Content = YandexJson.Content(body) };
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderException(ErrorTypes.Connection, "the Yandex IAM service could not be reached", ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw new ProviderException(ErrorTypes.OfUpstreamStatus(status), $"the Yandex IAM service refused a token (HTTP {status})");
            }

            try
            {
                using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
                var root = document.RootElement;
                var token = root.GetProperty("iamToken").GetString() ?? throw new InvalidDataException("iamToken is null");
                var expiresAt = DateTimeOffset.Parse(root.GetProperty("expiresAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return (token, expiresAt);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
            {
                throw new ProviderException(ErrorTypes.Upstream5xx, "the Yandex IAM service answered without a token", ex);
            }
        }
    }
}
