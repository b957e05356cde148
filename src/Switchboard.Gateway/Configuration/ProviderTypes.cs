namespace Switchboard.Gateway.Configuration;

/// <summary>Known values of <see cref="ProviderConfig.Type"/>.</summary>
public static class ProviderTypes
{
    /// <summary>Any OpenAI-compatible HTTP API: OpenAI, DeepSeek, vLLM, Ollama, llama.cpp server, LM Studio, TGI …</summary>
    public const string OpenAi = "openai";

    internal static readonly string[] All = [OpenAi];
}
