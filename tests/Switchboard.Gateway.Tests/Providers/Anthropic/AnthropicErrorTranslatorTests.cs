using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.Anthropic;

namespace Switchboard.Gateway.Tests.Providers.Anthropic;

public sealed class AnthropicErrorTranslatorTests
{
    [Theory]
    [InlineData(529, 503)]
    [InlineData(429, 429)]
    [InlineData(500, 500)]
    [InlineData(400, 400)]
    public void StatusOf_KeepsTheStatus_ExceptOverloadedWhichIs503(int native, int expected) =>
        Assert.Equal((HttpStatusCode)expected, AnthropicErrorTranslator.StatusOf((HttpStatusCode)native));

    [Fact]
    public void Translate_PromptTooLong_IsContextLengthExceeded()
    {
        var error = Translate("""{"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210183 tokens > 200000 maximum"}}""", 400);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"message":"prompt is too long: 210183 tokens > 200000 maximum","type":"invalid_request_error","param":null,"code":"context_length_exceeded"}
            """), error), error.ToJsonString());
    }

    [Fact]
    public void Translate_OtherInvalidRequest_KeepsAnthropicsTypeAsCode()
    {
        var error = Translate("""{"type":"error","error":{"type":"invalid_request_error","message":"max_tokens: Field required"}}""", 400);

        Assert.Equal("invalid_request_error", error["code"]!.GetValue<string>());
        Assert.Equal("max_tokens: Field required", error["message"]!.GetValue<string>());
    }

    [Fact]
    public void Translate_ABodyThatIsNotAnAnthropicError_StillGivesAnOpenAiError()
    {
        var error = Translate("<html>bad gateway</html>", 502);

        Assert.Equal("Anthropic answered HTTP 502", error["message"]!.GetValue<string>());
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Null(error["code"]);
    }

    [Theory]
    [InlineData("overloaded_error", 503)]
    [InlineData("rate_limit_error", 429)]
    [InlineData("api_error", 500)]
    [InlineData("invalid_request_error", 400)]
    [InlineData("something_new", 500)]
    public void StatusOfType_IsTheDocumentedStatus(string type, int status) =>
        Assert.Equal((HttpStatusCode)status, AnthropicErrorTranslator.StatusOfType(type));

    private static JsonNode Translate(string native, int status) =>
        JsonNode.Parse(AnthropicErrorTranslator.Translate(Encoding.UTF8.GetBytes(native), (HttpStatusCode)status))!["error"]!;
}
