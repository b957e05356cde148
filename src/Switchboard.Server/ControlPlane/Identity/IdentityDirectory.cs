using System.Net;
using Microsoft.EntityFrameworkCore;
using Switchboard.Gateway.Auth;
using Switchboard.Server.ControlPlane.ApiKeys;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Identity;

/// <summary>
/// Authenticates API keys (and resolves access-token users) from an in-memory <see cref="IdentitySnapshot"/>, so the
/// hot path never touches the database. Every <see cref="RefreshInterval"/> it reads the <c>identity_changes</c>
/// counter (raised by triggers in the same transaction as any identity change, by any process) and reloads the
/// snapshot when it moved: a key revoked anywhere stops working here within about a second. Changes made in this
/// process call <see cref="RefreshAsync"/> and apply at once. The bootstrap admin key (<c>SWITCHBOARD_ADMIN_KEY</c>)
/// holds every permission. Thread-safe.
/// </summary>
internal sealed partial class IdentityDirectory : BackgroundService, IApiKeyAuthenticator
{
    public const string AdminKeyVariable = "SWITCHBOARD_ADMIN_KEY";
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(1);

    private readonly IDbContextFactory<ControlPlaneDbContext> _factory;
    private readonly TimeProvider _time;
    private readonly ILogger<IdentityDirectory> _logger;
    private readonly string? _adminKeyHash;
    private readonly SemaphoreSlim _loadLock = new(1, 1);
    private volatile IdentitySnapshot _snapshot = IdentitySnapshot.Empty;

    public IdentityDirectory(IDbContextFactory<ControlPlaneDbContext> factory, TimeProvider time, ILogger<IdentityDirectory> logger)
    {
        _factory = factory;
        _time = time;
        _logger = logger;
        var adminKey = Environment.GetEnvironmentVariable(AdminKeyVariable);
        _adminKeyHash = string.IsNullOrEmpty(adminKey) ? null : ApiKeySecrets.Hash(adminKey);
    }

    /// <summary>The snapshot in force. Never null.</summary>
    public IdentitySnapshot Current => _snapshot;

    public GatewayCaller? Authenticate(ReadOnlySpan<char> apiKey, HttpContext context, out ApiKeyRefusal? refusal)
    {
        var principal = Authenticate(apiKey, context.Connection.RemoteIpAddress, out refusal);
        if (principal is null)
        {
            return null;
        }

        ApiPrincipal.Set(context, principal);
        return principal.Gateway;
    }

    /// <summary>The key's principal, or null with the refusal: 401 for unknown, revoked, expired keys or disabled owners, 403 outside the key's networks.</summary>
    public ApiPrincipal? Authenticate(ReadOnlySpan<char> apiKey, IPAddress? client, out ApiKeyRefusal? refusal)
    {
        Span<char> hash = stackalloc char[ApiKeySecrets.HashHexLength];
        if (!ApiKeySecrets.TryHash(apiKey, hash))
        {
            refusal = ApiKeyRefusal.Unknown;
            return null;
        }

        var snapshot = _snapshot;
        if (_adminKeyHash is not null && hash.SequenceEqual(_adminKeyHash))
        {
            refusal = null;
            return snapshot.Bootstrap;
        }

        if (!snapshot.TryGetKey(hash, out var entry))
        {
            refusal = ApiKeyRefusal.Unknown;
            return null;
        }

        refusal = entry switch
        {
            { RevokedAt: not null } => ApiKeyRefusal.Revoked,
            _ when entry.ExpiresAt <= _time.GetUtcNow() => ApiKeyRefusal.Expired,
            { OwnerDisabled: true } => new ApiKeyRefusal(StatusCodes.Status401Unauthorized, "The owner of this API key is disabled or no longer exists."),
            { Networks: { } networks } when !networks.Contains(client) => new ApiKeyRefusal(StatusCodes.Status403Forbidden,
                $"This API key may not be used from {Describe(client)}: the address is outside the key's network allow-list."),
            _ => null,
        };
        return refusal is null ? entry.Principal : null;
    }

    /// <summary>
    /// The user's entry; a user created by another process a moment ago may not be in the snapshot yet, so a miss asks
    /// the database once and reloads. Null when there is no such user.
    /// </summary>
    public async ValueTask<UserEntry?> UserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (_snapshot.User(userId) is { } known)
        {
            return known;
        }

        var db = _factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }

        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return _snapshot.User(userId);
    }

    /// <summary>The principal a logged-in user acts as (null when the user does not exist or is disabled).</summary>
    public async ValueTask<ApiPrincipal?> UserPrincipalAsync(Guid userId, CancellationToken cancellationToken) =>
        (await UserAsync(userId, cancellationToken).ConfigureAwait(false))?.Principal;

    /// <summary>Reloads the snapshot now (after a change this process made, or in tests).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _loadLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var db = _factory.CreateDbContext();
            await using (db.ConfigureAwait(false))
            {
                _snapshot = await IdentitySnapshotLoader.LoadAsync(db, LogProblem, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _loadLock.Release();
        }
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before the server takes requests (the migrator and the key import have run: they start first).
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _loadLock.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, _time);
        var db = _factory.CreateDbContext();
        await using (db.ConfigureAwait(false))
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    var version = await db.IdentityChanges.AsNoTracking().Where(c => c.Id == IdentityChangeCounter.RowId).Select(c => c.Version)
                        .FirstOrDefaultAsync(stoppingToken).ConfigureAwait(false);
                    if (version != _snapshot.Version)
                    {
                        await RefreshAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Any storage failure: keep serving from the last snapshot; the next tick tries again.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogRefreshFailed(ex.Message);
                }
            }
        }
    }

    private static string Describe(IPAddress? client) =>
        client is null ? "an unknown address" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();

    private void LogProblem(string problem) => LogSnapshotProblem(problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not refresh identities (API keys, users) from the database ({Reason}); using the last loaded ones")]
    private partial void LogRefreshFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Problem}")]
    private partial void LogSnapshotProblem(string problem);
}
