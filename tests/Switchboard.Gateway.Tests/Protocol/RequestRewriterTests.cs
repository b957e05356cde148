using System.Collections.Frozen;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Tests.Protocol;

public sealed class RequestRewriterTests
{
    private static readonly Deployment Upstream = new(
        new UpstreamProvider("p", new Uri("http://127.0.0.1:1/v1/"), null, null, FrozenDictionary<string, string>.Empty), "up/\"model\"-ё");

    [Fact]
    public void Rewrite_NonStream_ReplacesOnlyTheModelValue()
    {
        const string json = """{"x":[1,{"model":"keep"}],"model":"alias","messages":[{"role":"user","content":"привет"}],"y":null}""";

        var result = Rewrite(json);

        Assert.Equal(json.Replace("\"alias\"", "\"up/\\u0022model\\u0022-\\u0451\"", StringComparison.Ordinal), result);
        Assert.Equal("up/\"model\"-ё", JsonNode.Parse(result)!["model"]!.GetValue<string>());
    }

    [Fact]
    public void Rewrite_StreamWithoutOptions_InjectsIncludeUsage()
    {
        var result = JsonNode.Parse(Rewrite("""{"model":"alias","stream":true,"messages":[]}"""))!;

        Assert.True(result["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.True(result["stream"]!.GetValue<bool>());
        Assert.Equal("up/\"model\"-ё", result["model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"alias","stream":true,"stream_options":{"include_usage":false,"other":1},"messages":[]}""")]
    [InlineData("""{"stream_options":{"other":1},"stream":true,"model":"alias","messages":[]}""")]
    public void Rewrite_StreamWithOptions_SetsIncludeUsageAndKeepsTheRest(string json)
    {
        var result = JsonNode.Parse(Rewrite(json))!;

        Assert.True(result["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal(1, result["stream_options"]!["other"]!.GetValue<int>());
        Assert.Equal("up/\"model\"-ё", result["model"]!.GetValue<string>());
    }

    [Fact]
    public void Rewrite_StreamWithIncludeUsageTrue_ChangesOnlyTheModel()
    {
        const string json = """{"model":"alias","stream":true,"stream_options":{"include_usage":true},"messages":[]}""";

        Assert.Equal(json.Replace("\"alias\"", "\"up/\\u0022model\\u0022-\\u0451\"", StringComparison.Ordinal), Rewrite(json));
    }

    private static string Rewrite(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        Assert.Null(RequestInspector.Inspect(body, UpstreamOperation.ChatCompletions, out var request));
        using var rewritten = RequestRewriter.Rewrite(body, request, Upstream);
        return Encoding.UTF8.GetString(rewritten.WrittenSpan);
    }
}
