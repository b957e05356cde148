using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatSseStreamTests
{
    private const string Text = """
        data: {"choices":[{"delta":{"content":"При","role":"assistant"},"index":0}],"created":7,"model":"GigaChat:1","object":"chat.completion"}

        data: {"choices":[{"delta":{"content":"вет"},"index":0}],"created":7,"model":"GigaChat:1","object":"chat.completion"}

        data: {"choices":[{"delta":{"content":""},"index":0,"finish_reason":"length"}],"created":7,"model":"GigaChat:1","object":"chat.completion","usage":{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6,"precached_prompt_tokens":1}}


        """;

    private static async Task<List<string>> TranslateAsync(string native, int readSize = int.MaxValue)
    {
        using var stream = new GigaChatSseStream(new TrickleStream(Encoding.UTF8.GetBytes(native), readSize), "chatcmpl-s");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var data = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        return data;
    }

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task TextStream_IsRoleContentFinishUsageDone_HoweverTheBytesArrive(int readSize)
    {
        var events = await TranslateAsync(Text + "data: [DONE]\n\n", readSize);

        Assert.Equal(6, events.Count);
        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.All(chunks, c => Assert.Equal("chatcmpl-s", c["id"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.Equal(7, c["created"]!.GetValue<long>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"role":"assistant","content":""}"""), chunks[0]["choices"]![0]!["delta"]));
        Assert.Equal("При", chunks[1]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("вет", chunks[2]["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
        Assert.Equal("length", chunks[3]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"prompt_tokens":4,"completion_tokens":2,"total_tokens":6,"prompt_tokens_details":{"cached_tokens":1}}"""),
            chunks[4]["usage"]));
    }

    [Fact]
    public async Task FunctionCall_IsOneToolCallDeltaAndFinishesWithToolCalls()
    {
        var events = await TranslateAsync("""
            data: {"choices":[{"delta":{"content":"","role":"assistant","function_call":{"name":"f","arguments":{"x":1}}},"index":0,"finish_reason":"function_call"}],"created":1,"model":"m","object":"chat.completion"}

            data: [DONE]


            """);

        Assert.Equal(4, events.Count); // role, tool call, finish, [DONE]: no usage was sent, none is made up
        var call = JsonNode.Parse(events[1])!["choices"]![0]!["delta"]!["tool_calls"]![0]!;
        Assert.Equal(0, call["index"]!.GetValue<int>());
        Assert.Equal("f", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("""{"x":1}""", call["function"]!["arguments"]!.GetValue<string>());
        Assert.Equal("tool_calls", JsonNode.Parse(events[2])!["choices"]![0]!["finish_reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task StreamEndingWithoutDone_EndsWithoutDone()
    {
        var events = await TranslateAsync(Text);

        Assert.NotEqual("[DONE]", events[^1]);
        Assert.DoesNotContain(events, e => e.Contains("\"usage\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""data: {"choices":[{"delta":{"content":""},"index":0,"finish_reason":"error"}],"created":1,"model":"m"}""")]
    [InlineData("data: {not json")]
    public async Task ErrorFinishOrUnreadableEvent_EndsWithoutDone(string badEvent)
    {
        var events = await TranslateAsync($"{badEvent}\n\ndata: [DONE]\n\n");

        Assert.DoesNotContain("[DONE]", events);
    }

    /// <summary>Hands out its bytes at most <c>readSize</c> at a time, like a slow network.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
