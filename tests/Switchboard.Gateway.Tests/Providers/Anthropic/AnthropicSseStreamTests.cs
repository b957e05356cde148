using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.Anthropic;

namespace Switchboard.Gateway.Tests.Providers.Anthropic;

public sealed class AnthropicSseStreamTests
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Start = """
        event: message_start
        data: {"type":"message_start","message":{"id":"msg_s","type":"message","role":"assistant","content":[],"model":"claude-s","stop_reason":null,"usage":{"input_tokens":9,"output_tokens":1,"cache_read_input_tokens":4,"cache_creation_input_tokens":0}}}


        """;

    [Fact]
    public async Task Read_TwoToolBlocksAfterText_NumbersToolCallsFromZero_AndEndsWithUsageAndDone()
    {
        var events = await TranslateAsync(Start + Events(
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Both:"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"a","input":{}}}""",
            """{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"x\":1}"}}""",
            """{"type":"content_block_stop","index":1}""",
            """{"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"b","input":{}}}""",
            """{"type":"content_block_stop","index":2}""",
            """{"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":30}}""",
            """{"type":"message_stop"}"""));

        Assert.Equal("[DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonNode.Parse(e)!).ToList();
        Assert.Equal("""{"role":"assistant","content":""}""", chunks[0]["choices"]![0]!["delta"]!.ToJsonString());
        var calls = chunks.Where(c => c["choices"]!.AsArray().Count > 0 && c["choices"]![0]!["delta"]!["tool_calls"] is not null)
            .Select(c => c["choices"]![0]!["delta"]!["tool_calls"]![0]!.ToJsonString(Relaxed)).ToList();
        Assert.Equal(
        [
            """{"index":0,"id":"toolu_a","type":"function","function":{"name":"a","arguments":""}}""",
            """{"index":0,"function":{"arguments":"{\"x\":1}"}}""",
            """{"index":1,"id":"toolu_b","type":"function","function":{"name":"b","arguments":""}}""",
            // A tool without input streams no fragment: "{}" keeps the arguments parseable.
            """{"index":1,"function":{"arguments":"{}"}}""",
        ], calls);
        Assert.Equal("tool_calls", chunks[^2]["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"prompt_tokens":13,"completion_tokens":30,"total_tokens":43,"prompt_tokens_details":{"cached_tokens":4}}
            """), chunks[^1]["usage"]), chunks[^1]["usage"]!.ToJsonString());
        Assert.All(chunks, c => Assert.Equal("chatcmpl-msg_s", c["id"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.Equal("claude-s", c["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Read_NativeStreamEndingBeforeMessageStop_HasNoDone()
    {
        var events = await TranslateAsync(Start + Events(
            """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hal"}}"""));

        Assert.Equal(2, events.Count);
        Assert.Equal("Hal", JsonNode.Parse(events[^1])!["choices"]![0]!["delta"]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task Read_ErrorEvent_BecomesAnOpenAiErrorEvent_AndEndsTheStream()
    {
        var events = await TranslateAsync(Start + Events(
            """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""",
            """{"type":"message_stop"}"""));

        Assert.Equal(2, events.Count);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"error":{"message":"Overloaded","type":"server_error","param":null,"code":"overloaded_error"}}
            """), JsonNode.Parse(events[^1])), events[^1]);
    }

    [Fact]
    public async Task Read_PingsThinkingAndUnknownEvents_AreSkipped()
    {
        var events = await TranslateAsync(Start + Events(
            """{"type":"ping"}""",
            """{"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hmm"}}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"sig"}}""",
            """{"type":"content_block_stop","index":0}""",
            """{"type":"something_new"}""",
            """{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":2}}""",
            """{"type":"message_stop"}"""));

        Assert.Equal(4, events.Count);
        Assert.Equal("length", JsonNode.Parse(events[1])!["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Equal("[DONE]", events[^1]);
    }

    [Fact]
    public async Task Read_CrlfFraming_IsUnderstood()
    {
        var events = await TranslateAsync((Start + Events("""{"type":"message_stop"}""")).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(3, events.Count);
        Assert.Equal("[DONE]", events[^1]);
    }

    private static string Events(params string[] data) => string.Concat(data.Select(d => $"event: x\ndata: {d}\n\n"));

    /// <summary>Feeds <paramref name="native"/> 7 bytes at a time, so events straddle reads.</summary>
    private static async Task<List<string>> TranslateAsync(string native)
    {
        using var stream = new AnthropicSseStream(new TrickleStream(Encoding.UTF8.GetBytes(native), 7), 1700000000, "fallback");
        using var reader = new StreamReader(stream);
        var events = new List<string>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(line["data: ".Length..]);
            }
        }

        return events;
    }

    /// <summary>A stream that returns at most a few bytes per read, like a network trickling.</summary>
    private sealed class TrickleStream(byte[] data, int step) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, step));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);
    }
}
