using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// Token counts as the Messages API reports them, gathered from a message's <c>usage</c> (and, in a
/// stream, from <c>message_start</c> and then <c>message_delta</c>, whose counts are cumulative). In OpenAI
/// terms the prompt is every input token, written to or read from the cache included, and the cached
/// tokens are the ones read. Owned by one response.
/// </summary>
internal sealed class AnthropicUsage
{
    public int Input { get; private set; }

    public int Output { get; private set; }

    public int? CacheCreation { get; private set; }

    public int? CacheRead { get; private set; }

    /// <summary>Takes every count present in <paramref name="usage"/>; absent or null ones keep their value.</summary>
    public void Update(JsonElement usage)
    {
        if (usage.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        Input = CountOf(usage, "input_tokens") ?? Input;
        Output = CountOf(usage, "output_tokens") ?? Output;
        CacheCreation = CountOf(usage, "cache_creation_input_tokens") ?? CacheCreation;
        CacheRead = CountOf(usage, "cache_read_input_tokens") ?? CacheRead;
    }

    public TokenUsage ToOpenAi() => new(Input + (CacheCreation ?? 0) + (CacheRead ?? 0), Output, CacheRead);

    private static int? CountOf(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
