namespace Switchboard.Local.Serving;

/// <summary>How the in-process llama.cpp provider runs models (provider settings in the config, docs/local-models.md).</summary>
internal sealed record LocalModelOptions
{
    /// <summary>Where model names are looked up (<c>stories260K</c> → <c>&lt;dir&gt;/stories260K.gguf</c>); absolute paths work too.</summary>
    public string ModelsDirectory { get; init; } = "models";

    /// <summary>Sequences decoded together per model (continuous batching); more requests queue.</summary>
    public int Parallel { get; init; } = 4;

    /// <summary>Tokens per sequence (prompt and answer), capped by the model's trained context.</summary>
    public int ContextSize { get; init; } = 2048;

    /// <summary>A model unused this long is unloaded.</summary>
    public TimeSpan IdleUnload { get; init; } = TimeSpan.FromSeconds(300);

    public int MaxLoadedModels { get; init; } = 2;

    /// <summary>Bytes of model weights kept loaded at most (least recently used models are unloaded first); null = no budget.</summary>
    public long? MemoryBudgetBytes { get; init; }

    /// <summary><c>auto</c> (the model's own template, else ChatML), <c>raw</c> (message texts joined, no roles) or a llama.cpp template name.</summary>
    public string ChatTemplate { get; init; } = "auto";

    /// <summary>CPU threads for decoding; null = all cores.</summary>
    public int? Threads { get; init; }

    /// <summary>The model file for a deployment's model name.</summary>
    public string ResolvePath(string model)
    {
        var path = Path.IsPathRooted(model) ? model : Path.Combine(ModelsDirectory, model);
        return File.Exists(path) || path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) ? path : path + ".gguf";
    }
}
