namespace Switchboard.Gateway.Configuration;

/// <summary>Known values of <see cref="ProviderConfig.Type"/> (docs/providers.md).</summary>
public static class ProviderTypes
{
    /// <summary>Any OpenAI-compatible HTTP API: OpenAI, DeepSeek, vLLM, Ollama, llama.cpp server, LM Studio, TGI … relayed as-is.</summary>
    public const string OpenAi = "openai";

    /// <summary>Anthropic's Messages API, translated to and from OpenAI chat completions.</summary>
    public const string Anthropic = "anthropic";

    /// <summary>Yandex Cloud Foundation Models (YandexGPT) native API, translated.</summary>
    public const string YandexGpt = "yandexgpt";

    /// <summary>Sber GigaChat API, translated (OAuth client credentials, functions).</summary>
    public const string GigaChat = "gigachat";

    /// <summary>llama.cpp in-process: GGUF models from a directory, no server to run (docs/local-models.md).</summary>
    public const string LlamaCpp = "llamacpp";

    internal static readonly string[] All = [OpenAi, Anthropic, YandexGpt, GigaChat, LlamaCpp];

    /// <summary>The public endpoint of a native provider, used when <c>baseUrl</c> is left out; null for <c>openai</c>.</summary>
    public static string? DefaultBaseUrl(string type) => type switch
    {
        Anthropic => "https://api.anthropic.com/v1",
        YandexGpt => "https://llm.api.cloud.yandex.net",
        GigaChat => "https://gigachat.devices.sberbank.ru/api/v1",
        LlamaCpp => "http://local.switchboard/v1",
        _ => null,
    };
}
