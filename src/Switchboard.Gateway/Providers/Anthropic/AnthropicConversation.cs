namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// An OpenAI <c>messages</c> array in the Messages API's terms: the system and developer messages joined
/// into the top-level <c>system</c>, and the rest as alternating turns.
/// </summary>
internal sealed record AnthropicConversation(string? System, IReadOnlyList<AnthropicTurn> Turns);
