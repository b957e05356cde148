using System.Collections.Concurrent;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;
using Switchboard.Local.Serving;

namespace Switchboard.Server.LocalModels;

/// <summary>
/// The process's in-process llama.cpp providers: one <see cref="LocalModelManager"/> per provider name,
/// kept across config reloads (a reload updates its settings; loaded models stay loaded). Disposed with
/// the host, which unloads every model. Thread-safe.
/// </summary>
internal sealed partial class LocalModelHost(TimeProvider time, ILogger<LocalModelHost> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, LocalModelManager> _managers = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, LocalModelManager> Managers => _managers;

    /// <summary>Raised with provider, model path and reason whenever a model is unloaded.</summary>
    public event Action<string, string, string>? Unloaded;

    /// <summary>The manager of a llamacpp provider, with the provider's current settings.</summary>
    public LocalModelManager For(UpstreamProvider provider)
    {
        var options = OptionsOf(provider.Config!);
        var manager = _managers.GetOrAdd(provider.Name, name =>
        {
            var created = new LocalModelManager(options, time, provider.Config!.LlamaDirectory);
            created.Unloaded += (path, reason) =>
            {
                LogUnloaded(name, path, reason);
                Unloaded?.Invoke(name, path, reason);
            };
            return created;
        });
        manager.Options = options;
        return manager;
    }

    public void Dispose()
    {
        foreach (var manager in _managers.Values)
        {
            manager.Dispose();
        }
    }

    internal static LocalModelOptions OptionsOf(ProviderConfig config) => new()
    {
        ModelsDirectory = config.ModelsDirectory ?? "models",
        Parallel = config.Parallel ?? 4,
        ContextSize = config.ContextSize ?? 2048,
        IdleUnload = TimeSpan.FromSeconds(config.IdleUnloadSeconds ?? 300),
        MaxLoadedModels = config.MaxLoadedModels ?? 2,
        MemoryBudgetBytes = config.MemoryBudgetMb * 1024 * 1024,
        ChatTemplate = config.ChatTemplate ?? "auto",
        Threads = config.Threads,
    };

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Local provider {Provider} unloaded {Model} ({Reason})")]
    private partial void LogUnloaded(string provider, string model, string reason);
}
