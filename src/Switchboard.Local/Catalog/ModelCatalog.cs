namespace Switchboard.Local.Catalog;

/// <summary>
/// The local models available to the gateway: every <c>*.gguf</c> under <see cref="ModelCatalogOptions.Directory"/>,
/// each with its alias and header summary, or the error that makes it unusable (one bad file never fails the scan).
/// After <see cref="Start"/> it follows the directory with a <see cref="FileSystemWatcher"/> (debounced) plus a
/// periodic rescan, and raises <see cref="Changed"/> when the set of entries differs.
/// Thread-safe: <see cref="Entries"/> is an immutable snapshot replaced atomically; scans are serialised.
/// Owns its watcher and timers; dispose to stop watching.
/// </summary>
internal sealed class ModelCatalog : IDisposable
{
    private readonly ModelCatalogOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _scanLock = new();
    private IReadOnlyList<CatalogEntry> _entries = [];
    private FileSystemWatcher? _watcher;
    private ITimer? _debounceTimer;
    private ITimer? _rescanTimer;
    private bool _started;
    private bool _disposed;

    public ModelCatalog(ModelCatalogOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>Raised after a scan whose entries differ from the previous snapshot; handlers run on the scanning thread.</summary>
    public event EventHandler<ModelCatalogChangedEventArgs>? Changed;

    /// <summary>The current snapshot, ordered by path. Never null; empty before the first scan.</summary>
    public IReadOnlyList<CatalogEntry> Entries => Volatile.Read(ref _entries);

    /// <summary>The full path of the models directory.</summary>
    public string Directory => Path.GetFullPath(_options.Directory);

    /// <summary>The entry with <paramref name="alias"/> (case-insensitive), or null.</summary>
    public CatalogEntry? Find(string alias) =>
        Entries.FirstOrDefault(entry => string.Equals(entry.Alias, alias, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Rescans now, replaces the snapshot and raises <see cref="Changed"/> if it differs. The event is raised under
    /// the scan lock so that handlers see snapshots in order; handlers should be quick.
    /// </summary>
    public IReadOnlyList<CatalogEntry> Scan()
    {
        lock (_scanLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started && _options.Watch)
            {
                EnsureWatcher();
            }

            var current = Entries;
            var previous = current.ToDictionary(entry => entry.Path, StringComparer.Ordinal);
            var updated = ModelCatalogScanner.Scan(_options.Directory, _options.AliasPrefix, previous);
            if (updated.SequenceEqual(current))
            {
                return current;
            }

            Volatile.Write(ref _entries, updated);
            Changed?.Invoke(this, new ModelCatalogChangedEventArgs(updated));
            return updated;
        }
    }

    /// <summary>Scans once and starts following the directory.</summary>
    public void Start()
    {
        lock (_scanLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _debounceTimer ??= _timeProvider.CreateTimer(_ => ScanQuietly(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_rescanTimer is null && _options.RescanInterval != Timeout.InfiniteTimeSpan)
            {
                _rescanTimer = _timeProvider.CreateTimer(_ => ScanQuietly(), null, _options.RescanInterval, _options.RescanInterval);
            }

            _started = true;
        }

        Scan();
    }

    public void Dispose()
    {
        lock (_scanLock)
        {
            _disposed = true;
            _watcher?.Dispose();
            _debounceTimer?.Dispose();
            _rescanTimer?.Dispose();
        }
    }

    private void EnsureWatcher()
    {
        // The directory may not exist at start; the periodic rescan calls back here once it does.
        if (_watcher is not null || !System.IO.Directory.Exists(Directory))
        {
            return;
        }

        var watcher = new FileSystemWatcher(Directory)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Created += (_, _) => ScheduleScan();
        watcher.Changed += (_, _) => ScheduleScan();
        watcher.Deleted += (_, _) => ScheduleScan();
        watcher.Renamed += (_, _) => ScheduleScan();
        watcher.Error += (_, _) => ScheduleScan(); // buffer overflow: events were lost, so rescan everything
        watcher.EnableRaisingEvents = true;
        _watcher = watcher;
    }

    private void ScheduleScan() => _debounceTimer?.Change(_options.Debounce, Timeout.InfiniteTimeSpan);

    private void ScanQuietly()
    {
        try
        {
            Scan();
        }
        catch (ObjectDisposedException)
        {
            // A timer fired while the catalog was being disposed.
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The directory vanished or became unreadable mid-scan; the next event or rescan tries again.
        }
    }
}
