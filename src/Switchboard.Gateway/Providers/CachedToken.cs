namespace Switchboard.Gateway.Providers;

/// <summary>
/// An access token obtained from a provider's auth service (GigaChat OAuth, Yandex IAM), kept until
/// shortly before it expires and then fetched again by one caller while the others wait. A token the
/// provider rejects (401) is dropped with <see cref="Invalidate"/>. Thread-safe.
/// </summary>
internal sealed class CachedToken(Func<CancellationToken, Task<(string Token, DateTimeOffset ExpiresAt)>> fetch, TimeProvider time, TimeSpan refreshBefore)
    : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _current;

    /// <summary>How many tokens were fetched so far (for tests and the log).</summary>
    public int Fetches { get; private set; }

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } token)
        {
            return token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } fetchedMeanwhile)
            {
                return fetchedMeanwhile;
            }

            var fetched = await fetch(cancellationToken).ConfigureAwait(false);
            Fetches++;
            _current = fetched;
            return fetched.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _current = null;

    public void Dispose() => _gate.Dispose();

    private string? Fresh() => _current is { } current && time.GetUtcNow() < current.ExpiresAt - refreshBefore ? current.Token : null;
}
