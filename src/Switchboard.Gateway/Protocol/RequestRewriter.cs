using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// Applies the relay's surgical edits to a request body: the upstream model name, and for streams
/// <c>stream_options.include_usage: true</c> so usage is always captured. Every other byte is copied unchanged.
/// </summary>
internal static class RequestRewriter
{
    private static readonly byte[] InjectedStreamOptions = "\"stream_options\":{\"include_usage\":true},"u8.ToArray();

    /// <summary>Returns the rewritten body in a buffer rented from <see cref="ArrayPool{T}.Shared"/>; the caller returns it.</summary>
    public static PooledBuffer Rewrite(ReadOnlySpan<byte> body, in InspectedRequest request, Deployment deployment)
    {
        var model = deployment.UpstreamModelJson;
        ReadOnlySpan<byte> streamOptions = default;
        var insertStreamOptions = false;
        if (request.Stream && !request.ClientIncludeUsage)
        {
            if (request.StreamOptionsStart < 0)
            {
                insertStreamOptions = true;
            }
            else
            {
                streamOptions = WithIncludeUsage(body[request.StreamOptionsStart..request.StreamOptionsEnd]);
            }
        }

        var length = body.Length - (request.ModelValueEnd - request.ModelValueStart) + model.Length
            + (insertStreamOptions ? InjectedStreamOptions.Length : 0)
            + (streamOptions.IsEmpty ? 0 : streamOptions.Length - (request.StreamOptionsEnd - request.StreamOptionsStart));
        var buffer = new PooledBuffer(length);
        var output = buffer.GetSpan(length);
        var written = 0;
        var position = 0;

        if (insertStreamOptions)
        {
            Copy(body[..request.BodyStart], output, ref written);
            Copy(InjectedStreamOptions, output, ref written);
            position = request.BodyStart;
        }

        // The two edited ranges never overlap; copy them in body order.
        if (!streamOptions.IsEmpty && request.StreamOptionsStart < request.ModelValueStart)
        {
            Copy(body[position..request.StreamOptionsStart], output, ref written);
            Copy(streamOptions, output, ref written);
            position = request.StreamOptionsEnd;
        }

        Copy(body[position..request.ModelValueStart], output, ref written);
        Copy(model, output, ref written);
        position = request.ModelValueEnd;

        if (!streamOptions.IsEmpty && request.StreamOptionsStart > request.ModelValueStart)
        {
            Copy(body[position..request.StreamOptionsStart], output, ref written);
            Copy(streamOptions, output, ref written);
            position = request.StreamOptionsEnd;
        }

        Copy(body[position..], output, ref written);
        buffer.Advance(written);
        return buffer;
    }

    private static void Copy(ReadOnlySpan<byte> source, Span<byte> destination, ref int written)
    {
        source.CopyTo(destination[written..]);
        written += source.Length;
    }

    // Rare path (the client sent stream_options without include_usage): keep its other options.
    private static byte[] WithIncludeUsage(ReadOnlySpan<byte> streamOptionsJson)
    {
        var node = JsonNode.Parse(streamOptionsJson) as JsonObject ?? [];
        node["include_usage"] = true;
        return JsonSerializer.SerializeToUtf8Bytes(node, ProtocolJsonContext.Default.JsonObject);
    }
}
