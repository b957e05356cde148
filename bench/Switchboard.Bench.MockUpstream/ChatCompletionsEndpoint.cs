using System.Diagnostics;

namespace Switchboard.Bench.MockUpstream;

/// <summary>
/// <c>POST /v1/chat/completions</c>: an instant canned completion, or with <c>"stream": true</c> an SSE
/// stream of 64 chunks 20 ms apart (the first at once), a finish chunk, a usage chunk and <c>[DONE]</c>.
/// With <c>--fail-rate R</c> a share R of requests (spread evenly, not at random) gets a 500 instead: the
/// chaos phase of the gateway benchmark.
/// </summary>
internal static class ChatCompletionsEndpoint
{
    private static readonly TimeSpan ChunkInterval = TimeSpan.FromMilliseconds(20);
    private static readonly byte[] ServerError = """{"error":{"message":"injected failure","type":"server_error","param":null,"code":null}}"""u8.ToArray();
    private static long s_requests;

    public static double FailRate { get; set; }

    public static async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var stream = await RequestBody.ReadAndInspectAsync(context.Request.BodyReader, StreamFlag.IsSet, cancellationToken);
        var response = context.Response;
        if (FailRate > 0)
        {
            // Request n fails when the running count of failures due, floor(n * rate), steps up.
            var n = Interlocked.Increment(ref s_requests);
            if (Math.Floor(n * FailRate) > Math.Floor((n - 1) * FailRate))
            {
                response.StatusCode = StatusCodes.Status500InternalServerError;
                response.ContentType = "application/json";
                await response.BodyWriter.WriteAsync(ServerError, cancellationToken);
                return;
            }
        }

        response.StatusCode = StatusCodes.Status200OK;
        if (!stream)
        {
            response.ContentType = "application/json";
            response.ContentLength = MockPayloads.Completion.Length;
            await response.BodyWriter.WriteAsync(MockPayloads.Completion, cancellationToken);
            return;
        }

        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var writer = response.BodyWriter;
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < MockPayloads.StreamChunkCount; i++)
        {
            // Chunks are due on a fixed schedule from the first one, so timer slack does not accumulate.
            var wait = (ChunkInterval * i) - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }

            await writer.WriteAsync(MockPayloads.StreamChunks[i], cancellationToken);
        }

        await writer.WriteAsync(MockPayloads.StreamTail, cancellationToken);
    }
}
