using System.Text;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Tests.Protocol;

public sealed class SseEventsTests
{
    [Theory]
    [InlineData("data: a\n\ndata: b\n\n", 9)]
    [InlineData("data: a\r\n\r\ndata: b", 11)]
    [InlineData(": ping\ndata: a\n\n", 16)]
    [InlineData("data: a\n", -1)]
    [InlineData("data: a\r\n\r", -1)]
    [InlineData("data: a", -1)]
    [InlineData("", -1)]
    public void FindEventEnd_FindsTheBlankLine(string text, int expected)
    {
        Assert.Equal(expected, SseEvents.FindEventEnd(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("data: {\"a\":1}\n\n", "{\"a\":1}")]
    [InlineData("data:[DONE]\r\n\r\n", "[DONE]")]
    [InlineData(": keep-alive\n\n", "")]
    [InlineData("event: x\ndata: y\n\n", "y")]
    [InlineData("id: metadata: z\n\n", "")]
    public void Data_ReturnsThePayload(string sseEvent, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(SseEvents.Data(Encoding.UTF8.GetBytes(sseEvent))));
    }

    [Theory]
    [InlineData("""{"choices":[{"delta":{"content":"x"},"finish_reason":null}]}""", false)]
    [InlineData("""{"choices":[{"delta":{},"finish_reason":"stop"}]}""", true)]
    [InlineData("""{"choices":[],"usage":{"prompt_tokens":1}}""", true)]
    [InlineData("""{"choices":[{"finish_reason": "length"}]}""", true)]
    public void MayCarryUsageOrFinish_SkipsOrdinaryChunks(string data, bool expected)
    {
        Assert.Equal(expected, SseEvents.MayCarryUsageOrFinish(Encoding.UTF8.GetBytes(data)));
    }
}
