namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>The Messages API's <c>stop_reason</c> as an OpenAI <c>finish_reason</c>. Stateless.</summary>
internal static class AnthropicStopReasons
{
    public static string? ToFinishReason(string? stopReason) => stopReason switch
    {
        null => null,
        "max_tokens" or "model_context_window_exceeded" => "length",
        "tool_use" => "tool_calls",
        "refusal" => OpenAiShapes.ContentFilter,
        // end_turn, stop_sequence, pause_turn (a server tool's long turn, paused) and reasons added later.
        _ => "stop",
    };
}
