using System.Collections.Frozen;
using Microsoft.Data.Sqlite;
using Switchboard.Gateway.Auth;
using Switchboard.Server.Storage;

namespace Switchboard.Server.Keys;

/// <summary>
/// Authenticates gateway requests from an in-memory snapshot of the key table, so the hot path never
/// touches the database. The snapshot is reloaded when the database changes (checked every
/// <see cref="RefreshInterval"/> through SQLite's <c>data_version</c>, which also sees commits by the
/// <c>keys</c> CLI in another process). The bootstrap admin key (<c>SWITCHBOARD_ADMIN_KEY</c>) may use
/// every model. Thread-safe.
/// </summary>
internal sealed partial class ApiKeyAuthenticator : BackgroundService, IApiKeyAuthenticator
{
    public const string AdminKeyVariable = "SWITCHBOARD_ADMIN_KEY";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly SwitchboardDatabase _database;
    private readonly ApiKeyStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ApiKeyAuthenticator> _logger;
    private readonly string? _adminKeyHash;
    private readonly GatewayCaller _adminCaller = new("admin", "bootstrap admin key", null, IsAdmin: true);
    private volatile Snapshot _snapshot;

    public ApiKeyAuthenticator(SwitchboardDatabase database, ApiKeyStore store, TimeProvider time, ILogger<ApiKeyAuthenticator> logger,
        Func<string, string?>? getEnvironmentVariable = null)
    {
        _database = database;
        _store = store;
        _time = time;
        _logger = logger;
        var adminKey = (getEnvironmentVariable ?? Environment.GetEnvironmentVariable)(AdminKeyVariable);
        _adminKeyHash = string.IsNullOrEmpty(adminKey) ? null : ApiKeySecrets.Hash(adminKey);
        _snapshot = Load();
    }

    public GatewayCaller? Authenticate(ReadOnlySpan<char> apiKey, out string? failure)
    {
        Span<char> hash = stackalloc char[ApiKeySecrets.HashHexLength];
        if (!ApiKeySecrets.TryHash(apiKey, hash))
        {
            failure = "Incorrect API key provided.";
            return null;
        }

        if (_adminKeyHash is not null && hash.SequenceEqual(_adminKeyHash))
        {
            failure = null;
            return _adminCaller;
        }

        if (!_snapshot.ByHash.TryGetValue(hash, out var entry))
        {
            failure = "Incorrect API key provided.";
            return null;
        }

        if (entry.Record.RevokedAt is not null)
        {
            failure = "This API key has been revoked.";
            return null;
        }

        if (entry.Record.ExpiresAt <= _time.GetUtcNow())
        {
            failure = "This API key has expired.";
            return null;
        }

        failure = null;
        return entry.Caller;
    }

    /// <summary>Re-reads the key table now (tests and admin endpoints call this after a change).</summary>
    public void Refresh() => _snapshot = Load();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var connection = _database.Open();
        var seen = ApiKeyStore.DataVersion(connection);
        using var timer = new PeriodicTimer(RefreshInterval, _time);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var version = ApiKeyStore.DataVersion(connection);
                if (version != seen)
                {
                    seen = version;
                    _snapshot = Load();
                }
            }
            catch (SqliteException ex)
            {
                // Keep serving from the last snapshot; the next tick tries again.
                LogRefreshFailed(ex.Message);
            }
        }
    }

    private Snapshot Load()
    {
        var entries = _store.List().Select(r => new Entry(r, new GatewayCaller(r.Id, r.Name, r.Models?.ToFrozenSet(StringComparer.Ordinal)) { Route = r.Route }));
        return new Snapshot(entries.ToFrozenDictionary(e => e.Record.KeyHash, StringComparer.Ordinal));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh API keys from the database ({Reason}); using the last loaded keys")]
    private partial void LogRefreshFailed(string reason);

    private sealed record Entry(ApiKeyRecord Record, GatewayCaller Caller);

    private sealed class Snapshot(FrozenDictionary<string, Entry> byHash)
    {
        public FrozenDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> ByHash { get; } = byHash.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
