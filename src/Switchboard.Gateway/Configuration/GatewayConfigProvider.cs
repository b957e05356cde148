using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Owns the current <see cref="GatewaySnapshot"/> and replaces it when the config file changes.
/// A file that fails validation is rejected with a logged error naming the problem; the last good
/// snapshot stays in force. Reads of <see cref="Current"/> are lock-free; reloads are serialised.
/// </summary>
/// <remarks>
/// Change detection uses a file-system watcher (debounced, since editors save in several steps)
/// plus a slow poll, because watchers miss events on some network and container file systems.
/// </remarks>
internal sealed partial class GatewayConfigProvider : IDisposable
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly string _path;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<string, string?> _getEnvironmentVariable;
    private readonly Lock _reloadLock = new();
    private readonly DeploymentStateRegistry _states;
    private readonly FileSystemWatcher? _watcher;
    private readonly ITimer _debounceTimer;
    private readonly ITimer _pollTimer;
    private volatile GatewaySnapshot _current;
    private byte[] _lastSeenHash;
    private GatewayConfig? _lastConfig;
    private bool _disposed;

    /// <summary>Loads the file now; throws <see cref="ConfigValidationException"/> when it is invalid.</summary>
    public GatewayConfigProvider(string path, ILogger<GatewayConfigProvider> logger, TimeProvider time,
        Func<string, string?>? getEnvironmentVariable = null, TimeSpan? pollInterval = null)
    {
        _path = Path.GetFullPath(path);
        _logger = logger;
        _time = time;
        _getEnvironmentVariable = getEnvironmentVariable ?? Environment.GetEnvironmentVariable;
        _states = new DeploymentStateRegistry(time);

        var bytes = ReadFile();
        var config = GatewayConfigLoader.Parse(bytes, _path);
        _lastConfig = config;
        _lastSeenHash = Fingerprint(bytes, config);
        _current = BuildSnapshot(config);
        LogLoaded(_path, _current.Providers.Count, _current.Routes.Count);

        _debounceTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var poll = pollInterval ?? TimeSpan.FromSeconds(2);
        _pollTimer = time.CreateTimer(_ => Reload(), null, poll, poll);
        try
        {
            _watcher = new FileSystemWatcher(Path.GetDirectoryName(_path)!, Path.GetFileName(_path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // Out of inotify instances, or an unsupported file system: the poll still picks changes up.
            LogWatcherUnavailable(_path, ex.Message);
        }
    }

    /// <summary>The snapshot in force. Never null.</summary>
    public GatewaySnapshot Current => _current;

    /// <summary>The problem with the most recent rejected file, or null once a good file is loaded.</summary>
    public string? LastError { get; private set; }

    /// <summary>Re-reads the file if its content changed. Safe to call from any thread.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            if (_disposed)
            {
                return;
            }

            byte[] bytes;
            try
            {
                bytes = ReadFile();
            }
            catch (ConfigValidationException ex)
            {
                // Mid-save the file may briefly not exist; keep the old config and report it.
                Reject(ex);
                return;
            }

            // The file and, for llamacpp providers, the models in their directories (they become aliases).
            var hash = Fingerprint(bytes, _lastConfig);
            if (hash.AsSpan().SequenceEqual(_lastSeenHash))
            {
                return;
            }

            _lastSeenHash = hash;
            try
            {
                var config = GatewayConfigLoader.Parse(bytes, _path);
                _lastConfig = config;
                _lastSeenHash = Fingerprint(bytes, config);
                _current = BuildSnapshot(config);
                LastError = null;
                LogReloaded(_path, _current.Providers.Count, _current.Routes.Count);
            }
            catch (ConfigValidationException ex)
            {
                Reject(ex);
            }
        }
    }

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
        }

        _watcher?.Dispose();
        _debounceTimer.Dispose();
        _pollTimer.Dispose();
    }

    private void Reject(ConfigValidationException ex)
    {
        LastError = ex.Message;
        LogRejected(ex.Message);
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) =>
        _debounceTimer.Change(Debounce, Timeout.InfiniteTimeSpan);

    private byte[] ReadFile()
    {
        try
        {
            return File.ReadAllBytes(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigValidationException(_path, [$"cannot read the file: {ex.Message}"]);
        }
    }

    private static byte[] Fingerprint(byte[] file, GatewayConfig? config) =>
        SHA256.HashData([.. SHA256.HashData(file), .. LocalModelDirectories.Fingerprint(config)]);

    private GatewaySnapshot BuildSnapshot(GatewayConfig config)
    {
        var snapshot = GatewaySnapshotBuilder.Build(config, _getEnvironmentVariable, _time.GetUtcNow(), _states);
        foreach (var provider in snapshot.Providers.Values)
        {
            if (provider.UnusableReason is { } reason)
            {
                LogProviderUnusable(reason);
            }
        }

        return snapshot;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration loaded from {Path}: {ProviderCount} providers, {ModelCount} models")]
    private partial void LogLoaded(string path, int providerCount, int modelCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration reloaded from {Path}: {ProviderCount} providers, {ModelCount} models")]
    private partial void LogReloaded(string path, int providerCount, int modelCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Configuration change rejected, the previous configuration stays in force. {Problem}")]
    private partial void LogRejected(string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provider unusable until fixed: {Reason}")]
    private partial void LogProviderUnusable(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot watch {Path} for changes ({Reason}); polling instead")]
    private partial void LogWatcherUnavailable(string path, string reason);
}
