using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.YandexGpt;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexChatStreamTests
{
    private const string Partial = """{"result":{"alternatives":[{"message":{"role":"assistant","text":"Hel"},"status":"ALTERNATIVE_STATUS_PARTIAL"}]}}""";

    private const string Final = """
        {"result":{"alternatives":[{"message":{"role":"assistant","text":"Hello, world"},"status":"ALTERNATIVE_STATUS_FINAL"}],
         "usage":{"inputTextTokens":"3","completionTokens":"4","totalTokens":"7"}}}
        """;

    [Fact]
    public async Task Read_CumulativeTexts_EmitSuffixes_FinishUsageAndDone_EvenOneByteAtATime()
    {
        var events = await ReadAsync(Partial + "\n" + Partial + "\n" + Final + "\n", chunkSize: 1);

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("assistant", chunks[0]["choices"]![0]!["delta"]!["role"]!.GetValue<string>());
        Assert.Equal(["Hel", "lo, world"], chunks.Skip(1).Take(2).Select(c => c["choices"]![0]!["delta"]!["content"]!.GetValue<string>()));
        Assert.Equal("stop", chunks[3]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal(7, chunks[4]["usage"]!["total_tokens"]!.GetValue<int>());
        Assert.Equal(5, chunks.Count);
        Assert.All(chunks, c => Assert.Equal("chat.completion.chunk", c["object"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Read_EndWithoutFinalStatus_HasNoDone()
    {
        var events = await ReadAsync(Partial + "\n", chunkSize: 4096);

        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public async Task Read_ErrorObject_BecomesAnErrorEventWithoutDone()
    {
        var events = await ReadAsync(Partial + "\n" + """{"error":{"grpcCode":8,"httpCode":429,"message":"quota"}}""" + "\n", chunkSize: 7);

        Assert.DoesNotContain("[DONE]", events);
        Assert.Equal("quota", JsonNode.Parse(events[^1])!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_NotJson_IsAnIOException() =>
        await Assert.ThrowsAsync<IOException>(() => ReadAsync("data: nonsense\n", chunkSize: 4096));

    private static async Task<List<string>> ReadAsync(string native, int chunkSize)
    {
        using var stream = new YandexChatStream(new TrickleStream(Encoding.UTF8.GetBytes(native), chunkSize), "id", 1, "m");
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();
        return text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Select(e => e["data: ".Length..]).ToList();
    }

    /// <summary>A stream that hands out at most <c>chunkSize</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
