namespace Switchboard.Gateway.Routing;

/// <summary>The OpenAI operations the gateway relays.</summary>
internal enum UpstreamOperation
{
    ChatCompletions,
    Completions,
    Embeddings,
}
