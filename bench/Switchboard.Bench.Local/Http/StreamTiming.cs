namespace Switchboard.Bench.Local.Http;

/// <summary>One streamed completion as the client saw it.</summary>
/// <param name="FirstContent">Stopwatch timestamp of the first chunk with text.</param>
/// <param name="LastContent">Stopwatch timestamp of the last chunk with text.</param>
/// <param name="ContentChunks">Chunks with text (one token each unless the reader fell behind and chunks merged).</param>
/// <param name="CompletionTokens"><c>usage.completion_tokens</c> of the final usage chunk.</param>
/// <param name="FinishReason">The <c>finish_reason</c> the stream ended with.</param>
internal sealed record StreamTiming(long FirstContent, long LastContent, int ContentChunks, int CompletionTokens, string FinishReason);
