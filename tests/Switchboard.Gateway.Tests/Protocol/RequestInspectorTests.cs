using System.Text;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Protocol;

public sealed class RequestInspectorTests
{
    [Fact]
    public void Inspect_ChatRequest_FindsModelStreamAndOffsets()
    {
        var body = Encoding.UTF8.GetBytes("""{ "model" : "gpt-test", "messages": [], "stream": true }""");

        var error = RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request);

        Assert.Null(error);
        Assert.Equal("gpt-test", request.Model);
        Assert.True(request.Stream);
        Assert.Equal("\"gpt-test\"", Encoding.UTF8.GetString(body[request.ModelValueStart..request.ModelValueEnd]));
        Assert.Equal(1, request.BodyStart);
        Assert.Equal(-1, request.StreamOptionsStart);
        Assert.False(request.ClientIncludeUsage);
    }

    [Fact]
    public void Inspect_EscapedModelName_IsUnescaped()
    {
        var body = Encoding.UTF8.GetBytes("""{"model":"local\/qwen\u002d7b","messages":[]}""");

        RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request);

        Assert.Equal("local/qwen-7b", request.Model);
    }

    [Theory]
    [InlineData("""{"include_usage":true}""", true)]
    [InlineData("""{"include_usage":false,"x":1}""", false)]
    [InlineData("null", false)]
    public void Inspect_StreamOptions_RecordsSpanAndIncludeUsage(string options, bool includeUsage)
    {
        var json = $$"""{"model":"m","messages":[],"stream":true,"stream_options":{{options}}}""";
        var body = Encoding.UTF8.GetBytes(json);

        RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request);

        Assert.Equal(includeUsage, request.ClientIncludeUsage);
        Assert.Equal(options, Encoding.UTF8.GetString(body[request.StreamOptionsStart..request.StreamOptionsEnd]));
    }

    [Theory]
    [InlineData(0, """{"model":"m"}""", "messages")]
    [InlineData(1, """{"model":"m"}""", "prompt")]
    [InlineData(2, """{"model":"m","input":null}""", "input")]
    [InlineData(2, """{"input":"x"}""", "model")]
    public void Inspect_MissingRequiredField_NamesIt(int operation, string json, string field)
    {
        var error = RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), (UpstreamOperation)operation, out _);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal(field, error.Param);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[]} {}""")]
    [InlineData("""{"model":"m","messages":[]""")]
    [InlineData("""{"model":"m",/*c*/"messages":[]}""")]
    [InlineData("")]
    public void Inspect_InvalidJson_Is400WithPosition(string json)
    {
        var error = RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), UpstreamOperation.ChatCompletions, out _);

        Assert.NotNull(error);
        Assert.Equal("invalid_json", error.Code);
        Assert.Contains("line 1, position", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EmptyModel_Is400()
    {
        var error = RequestInspector.Inspect("""{"model":"","messages":[]}"""u8, UpstreamOperation.ChatCompletions, out _);

        Assert.Equal("model", error?.Param);
    }

    [Theory]
    [InlineData("""{"model":"m","messages":[],"tools":[{"type":"function","function":{"name":"f"}}]}""", true, false, false)]
    [InlineData("""{"model":"m","messages":[],"tools":[]}""", false, false, false)]
    [InlineData("""{"model":"m","messages":[],"functions":[{"name":"f"}],"response_format":{"type":"json_object"}}""", true, true, false)]
    [InlineData("""{"model":"m","response_format":{"type":"text"},"messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:x"}}]}]}""", false, false, true)]
    [InlineData("""{"model":"m","response_format":{"json_schema":{"name":"x"},"type":"json_schema"},"messages":[{"role":"user","content":"image_url"}]}""", false, true, false)]
    public void Inspect_RecordsWhatTheRequestNeeds(string json, bool tools, bool jsonMode, bool images)
    {
        var error = RequestInspector.Inspect(Encoding.UTF8.GetBytes(json), UpstreamOperation.ChatCompletions, out var request);

        Assert.Null(error);
        Assert.Equal(tools, request.HasTools);
        Assert.Equal(jsonMode, request.JsonMode);
        Assert.Equal(images, request.HasImages);
    }

    [Fact]
    public void Inspect_InputBytes_MeasureTheMessages()
    {
        const string messages = """[{"role":"user","content":"hello"}]""";

        RequestInspector.Inspect(Encoding.UTF8.GetBytes($$"""{"model":"m","messages":{{messages}},"temperature":1}"""), UpstreamOperation.ChatCompletions, out var request);

        Assert.Equal(messages.Length, request.InputBytes);
    }
}
