using System.Buffers;
using System.IO.Pipelines;

namespace Switchboard.Bench.MockUpstream;

/// <summary>Reads a request body to its end without copying it out of the pipe.</summary>
internal static class RequestBody
{
    /// <summary>
    /// Buffers the whole body in <paramref name="reader"/>, then hands it to <paramref name="inspect"/>.
    /// The pipe is advanced past the body afterwards, so the span is valid only inside the callback.
    /// </summary>
    public static async ValueTask<bool> ReadAndInspectAsync(PipeReader reader, Func<ReadOnlySequence<byte>, bool> inspect,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            if (read.IsCompleted || read.IsCanceled)
            {
                var result = inspect(read.Buffer);
                reader.AdvanceTo(read.Buffer.End);
                return result;
            }

            // Nothing consumed, everything examined: the next read waits for more bytes.
            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }
}
