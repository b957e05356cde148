using System.Globalization;
using System.Text;

namespace Switchboard.Bench.MockUpstream;

/// <summary>Every response body the mock sends, encoded once at start-up so a request only copies bytes.</summary>
internal static class MockPayloads
{
    public const int StreamChunkCount = 64;

    private const string Head = "\"id\":\"chatcmpl-mock0001\",\"created\":1700000000,\"model\":\"mock-model\"";

    /// <summary>A 357-byte <c>chat.completion</c> with usage.</summary>
    public static readonly byte[] Completion = Encoding.UTF8.GetBytes(
        "{" + Head + ",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\"," +
        "\"content\":\"This is a canned reply from the Switchboard mock upstream, sized like a short answer.\"}," +
        "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":18,\"total_tokens\":30}}");

    /// <summary>The 64 content events; the first also carries the assistant role, as OpenAI's does.</summary>
    public static readonly byte[][] StreamChunks = CreateStreamChunks();

    /// <summary>The finish_reason chunk, the usage-only chunk and the terminator, sent together after the last token.</summary>
    public static readonly byte[] StreamTail = Encoding.UTF8.GetBytes(
        Event("{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"stop\"}") +
        "data: {" + Head + ",\"object\":\"chat.completion.chunk\",\"choices\":[]," +
        "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":64,\"total_tokens\":76}}\n\n" +
        "data: [DONE]\n\n");

    public static readonly byte[] Embeddings = Encoding.UTF8.GetBytes(
        "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":" +
        "[0.0123,-0.0456,0.0789,0.0012,-0.0345,0.0678,-0.0901,0.0234]}],\"model\":\"mock-embedding\"," +
        "\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}");

    private static byte[][] CreateStreamChunks()
    {
        var chunks = new byte[StreamChunkCount][];
        for (var i = 0; i < chunks.Length; i++)
        {
            var role = i == 0 ? "\"role\":\"assistant\"," : "";
            var token = string.Create(CultureInfo.InvariantCulture, $"tok{i} ");
            chunks[i] = Encoding.UTF8.GetBytes(
                Event("{\"index\":0,\"delta\":{" + role + "\"content\":\"" + token + "\"},\"logprobs\":null,\"finish_reason\":null}"));
        }

        return chunks;
    }

    private static string Event(string choice) =>
        "data: {" + Head + ",\"object\":\"chat.completion.chunk\",\"choices\":[" + choice + "]}\n\n";
}
