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
}
