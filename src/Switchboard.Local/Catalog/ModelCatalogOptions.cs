namespace Switchboard.Local.Catalog;

/// <summary>Where <see cref="ModelCatalog"/> looks for models and how it keeps up with changes. Immutable.</summary>
internal sealed record ModelCatalogOptions
{
    /// <summary>The models directory, scanned recursively for <c>*.gguf</c>; relative paths are against the working directory.</summary>
    public string Directory { get; init; } = "models";

    /// <summary>The prefix of every alias: <c>local/</c> gives <c>local/&lt;file name&gt;</c>.</summary>
    public string AliasPrefix { get; init; } = "local/";

    /// <summary>Whether to watch the directory for changes (a periodic rescan runs either way).</summary>
    public bool Watch { get; init; } = true;

    /// <summary>
    /// The quiet period after a file-system event before rescanning, so a model being copied in is read once, after
    /// the copy, rather than on every write.
    /// </summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// The safety-net rescan interval: catches what the watcher misses (network file systems, overflowed event
    /// buffers, a directory created after start). <see cref="Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);
}
