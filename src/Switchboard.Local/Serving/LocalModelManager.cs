using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Serving;

/// <summary>A loaded model as the admin view and the metrics show it.</summary>
/// <param name="Path">The model file.</param>
/// <param name="SizeBytes">Weights in memory.</param>
/// <param name="Slots">Sequences decoded together.</param>
/// <param name="Busy">Sequences generating or waiting.</param>
/// <param name="Queued">Sequences waiting for a slot.</param>
/// <param name="LastUsed">When a request last used it.</param>
internal sealed record LoadedModelInfo(string Path, long SizeBytes, int Slots, int Busy, int Queued, DateTimeOffset LastUsed);

/// <summary>Refused: the model cannot be loaded now (bad file, or no room under the limits while others are busy).</summary>
internal sealed class LocalModelUnavailableException(string message) : Exception(message);

/// <summary>
/// Loads models on first use and unloads them again: after <see cref="LocalModelOptions.IdleUnload"/>
/// without requests, or — least recently used first, never one that is busy — when loading another would
/// exceed <see cref="LocalModelOptions.MaxLoadedModels"/> or the memory budget. Each loaded model has
/// its own <see cref="BatchedGenerator"/>. Thread-safe.
/// </summary>
internal sealed class LocalModelManager : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _loaded = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ITimer _idleTimer;

    public LocalModelManager(LocalModelOptions options, TimeProvider time, string? llamaDirectory = null)
    {
        Options = options;
        _time = time;
        LlamaDirectory = llamaDirectory;
        _idleTimer = time.CreateTimer(_ => UnloadIdle(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Settings; a config reload replaces them (models loaded after that use the new ones).</summary>
    public LocalModelOptions Options { get; set; }

    public string? LlamaDirectory { get; }

    /// <summary>Raised with the model path and the reason (<c>idle</c>, <c>evicted</c>) when a model is unloaded.</summary>
    public event Action<string, string>? Unloaded;

    public IReadOnlyList<LoadedModelInfo> Loaded
    {
        get
        {
            lock (_gate)
            {
                return _loaded.Select(e => new LoadedModelInfo(e.Key, (long)e.Value.Generator.Model.SizeBytes, e.Value.Generator.Slots,
                    e.Value.Generator.Busy, e.Value.Generator.Queued, e.Value.LastUsed)).ToList();
            }
        }
    }

    /// <summary>The generator of the model in <paramref name="path"/>, loading it (and unloading others) as needed.</summary>
    public BatchedGenerator Acquire(string path)
    {
        lock (_gate)
        {
            if (_loaded.TryGetValue(path, out var entry))
            {
                entry.LastUsed = _time.GetUtcNow();
                return entry.Generator;
            }

            if (!File.Exists(path))
            {
                throw new LocalModelUnavailableException($"local model file '{path}' does not exist");
            }

            MakeRoom(new FileInfo(path).Length);
            LlamaModel model;
            try
            {
                model = LlamaModel.Load(path, LlamaLibrary.Load(LlamaDirectory));
            }
            catch (LlamaLibraryException ex)
            {
                throw new LocalModelUnavailableException(ex.Message);
            }

            var options = Options;
            var slotContext = Math.Min(options.ContextSize, Math.Max(model.TrainedContextLength, 32));
            var threads = options.Threads ?? ServingThreads(model);
            var generator = new BatchedGenerator(model, options.Parallel, slotContext, threads);
            _loaded[path] = new Entry(generator, new LocalEmbedder(model, slotContext, threads)) { LastUsed = _time.GetUtcNow() };
            return generator;
        }
    }

    /// <summary>The embedder of the model in <paramref name="path"/> (loading the model as <see cref="Acquire"/> does).</summary>
    public LocalEmbedder AcquireEmbedder(string path)
    {
        Acquire(path);
        lock (_gate)
        {
            return _loaded.TryGetValue(path, out var entry)
                ? entry.Embedder
                : throw new LocalModelUnavailableException($"local model '{path}' was unloaded while starting");
        }
    }

    /// <summary>
    /// Decoding threads when serving: one core is left to the server (HTTP, relay, streaming). llama.cpp's
    /// threads wait for each other after every operation, so a core taken by the server stalls them all: on
    /// 2 cores, 2 threads served 57–66 % of the raw speed over HTTP, 1 thread 98–100 % (docs/benchmarks.md).
    /// </summary>
    internal static int ServingThreads(LlamaModel model) =>
        model.ParameterCount < 50_000_000 ? 1 : Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Unloads models unused for longer than the idle limit (also called by a timer every second).</summary>
    public void UnloadIdle()
    {
        List<(string Path, Entry Entry)> idle;
        lock (_gate)
        {
            var cutoff = _time.GetUtcNow() - Options.IdleUnload;
            idle = _loaded.Where(e => e.Value.LastUsed <= cutoff && e.Value.Generator.Busy == 0).Select(e => (e.Key, e.Value)).ToList();
            foreach (var (path, _) in idle)
            {
                _loaded.Remove(path);
            }
        }

        foreach (var (path, entry) in idle)
        {
            entry.Dispose();
            Unloaded?.Invoke(path, "idle");
        }
    }

    public void Dispose()
    {
        _idleTimer.Dispose();
        lock (_gate)
        {
            foreach (var entry in _loaded.Values)
            {
                entry.Dispose();
            }

            _loaded.Clear();
        }
    }

    /// <summary>Unloads least recently used idle models until one more of <paramref name="bytes"/> fits the limits.</summary>
    private void MakeRoom(long bytes)
    {
        var options = Options;
        while (_loaded.Count >= options.MaxLoadedModels
               || (options.MemoryBudgetBytes is { } budget && _loaded.Values.Sum(e => (long)e.Generator.Model.SizeBytes) + bytes > budget && _loaded.Count > 0))
        {
            var victim = _loaded.Where(e => e.Value.Generator.Busy == 0).OrderBy(e => e.Value.LastUsed).Select(e => e.Key).FirstOrDefault()
                ?? throw new LocalModelUnavailableException(
                    $"no room to load another local model: {_loaded.Count} loaded (limit {options.MaxLoadedModels}) and all are busy");
            _loaded.Remove(victim, out var entry);
            entry!.Dispose();
            Unloaded?.Invoke(victim, "evicted");
        }

        if (options.MemoryBudgetBytes is { } limit && bytes > limit)
        {
            throw new LocalModelUnavailableException($"the model needs {bytes:N0} bytes, more than the memory budget of {limit:N0}");
        }
    }

    private sealed class Entry(BatchedGenerator generator, LocalEmbedder embedder) : IDisposable
    {
        public BatchedGenerator Generator { get; } = generator;

        public LocalEmbedder Embedder { get; } = embedder;

        public DateTimeOffset LastUsed { get; set; }

        public void Dispose()
        {
            Generator.Dispose();
            Embedder.Dispose();
            Generator.Model.Dispose();
        }
    }
}
