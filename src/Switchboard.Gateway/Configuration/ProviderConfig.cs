namespace Switchboard.Gateway.Configuration;

/// <summary>One upstream service, e.g. OpenAI, a vLLM server or Ollama's <c>/v1</c> endpoint.</summary>
public sealed record ProviderConfig
{
    public string Name { get; set; } = "";

    /// <summary>Protocol family; <c>openai</c> is relayed as-is (see <see cref="ProviderTypes"/>).</summary>
    public string Type { get; set; } = ProviderTypes.OpenAi;

    /// <summary>Base URL including the version segment, e.g. <c>https://api.openai.com/v1</c>.</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>The API key itself, or <c>env:VARIABLE</c> to read it from the environment. Optional for local servers.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// True when the provider runs on the company's own machines (llama.cpp, Ollama, vLLM on-prem). Only
    /// local providers serve requests routed <c>local-only</c>; the default is false, so a provider is
    /// treated as cloud until someone states otherwise.
    /// </summary>
    public bool Local { get; set; }

    /// <summary>Extra headers sent with every upstream request (e.g. <c>OpenAI-Organization</c>).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; set; }

    /// <summary>
    /// A PEM file of root certificates trusted for this provider's TLS in addition to the system's (e.g.
    /// the Russian Trusted Root CA for GigaChat). Verification is never switched off.
    /// </summary>
    public string? CaBundle { get; set; }

    /// <summary>YandexGPT: the Yandex Cloud folder id; model names are expanded to <c>gpt://&lt;folder&gt;/&lt;model&gt;</c>.</summary>
    public string? FolderId { get; set; }

    /// <summary>
    /// How <see cref="ApiKey"/> is used. YandexGPT: <c>api-key</c> (default), <c>iam-token</c> (a ready token),
    /// or <c>service-account</c> (IAM tokens obtained and refreshed from <see cref="ServiceAccountKeyFile"/>).
    /// GigaChat: <c>authorization-key</c> (default; the base64 client id:secret from the Sber studio).
    /// </summary>
    public string? Auth { get; set; }

    /// <summary>YandexGPT: path of a service account's authorised key (the JSON with <c>id</c>, <c>service_account_id</c>, <c>private_key</c>).</summary>
    public string? ServiceAccountKeyFile { get; set; }

    /// <summary>GigaChat: the OAuth scope, <c>GIGACHAT_API_PERS</c> (default), <c>GIGACHAT_API_B2B</c> or <c>GIGACHAT_API_CORP</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>Where tokens are obtained: the GigaChat OAuth URL or the Yandex IAM token URL (defaults: the public ones).</summary>
    public string? AuthUrl { get; set; }

    /// <summary>YandexGPT: send non-streamed requests as asynchronous operations and poll for the result (for long generations).</summary>
    public bool Async { get; set; }

    /// <summary>YandexGPT: the operations API base for polling (default <c>https://operation.api.cloud.yandex.net</c>).</summary>
    public string? OperationsUrl { get; set; }

    /// <summary>llamacpp: where model names are looked up (default <c>models</c>); a deployment's model is a file name there or an absolute path.</summary>
    public string? ModelsDirectory { get; set; }

    /// <summary>llamacpp: sequences decoded together per model (continuous batching, default 4); more requests queue.</summary>
    public int? Parallel { get; set; }

    /// <summary>llamacpp: tokens per sequence, prompt and answer (default 2048, capped by the model's own context).</summary>
    public int? ContextSize { get; set; }

    /// <summary>llamacpp: unload a model after this many seconds without requests (default 300).</summary>
    public double? IdleUnloadSeconds { get; set; }

    /// <summary>llamacpp: models loaded at once at most (default 2); the least recently used idle one makes room.</summary>
    public int? MaxLoadedModels { get; set; }

    /// <summary>llamacpp: megabytes of model weights kept loaded at most (default: no budget).</summary>
    public long? MemoryBudgetMb { get; set; }

    /// <summary>llamacpp: <c>auto</c> (the model's template, else ChatML), <c>raw</c> (texts joined, for base models) or a llama.cpp template name.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>llamacpp: CPU threads for decoding (default: all cores).</summary>
    public int? Threads { get; set; }

    /// <summary>llamacpp: directory with the llama.cpp libraries, e.g. your own CUDA build (default: native/llama).</summary>
    public string? LlamaDirectory { get; set; }

    /// <summary>Anthropic: <c>max_tokens</c> when the client sends none (the Messages API requires it). Default 4096.</summary>
    public int? DefaultMaxTokens { get; set; }
}
