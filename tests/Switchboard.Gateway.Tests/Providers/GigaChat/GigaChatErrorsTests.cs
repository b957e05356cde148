using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatErrorsTests
{
    private static (HttpStatusCode Status, JsonNode Error) Translate(HttpStatusCode status, string body)
    {
        var (translated, json) = GigaChatErrors.Translate(status, Encoding.UTF8.GetBytes(body));
        return (translated, JsonNode.Parse(json)!["error"]!);
    }

    [Theory]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"status":422,"message":"Invalid params: the maximum context length is 8192 tokens"}""")]
    [InlineData(HttpStatusCode.BadRequest, """{"status":400,"message":"Tokens limit exceeded"}""")]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, """{"status":413,"message":"Request is too long"}""")]
    public void ContextTooLong_Is400ContextLengthExceeded(HttpStatusCode status, string body)
    {
        var (translated, error) = Translate(status, body);

        Assert.Equal(HttpStatusCode.BadRequest, translated);
        Assert.Equal("context_length_exceeded", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized, """{"status":401,"message":"Unauthorized"}""", "authentication_error", "GigaChat: Unauthorized")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"status":429,"message":"Too Many Requests"}""", "rate_limit_error", "GigaChat: Too Many Requests")]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"status":422,"message":"Invalid params: temperature"}""", "invalid_request_error", "GigaChat: Invalid params: temperature")]
    [InlineData(HttpStatusCode.InternalServerError, "", "server_error", "GigaChat answered HTTP 500")]
    [InlineData(HttpStatusCode.BadGateway, "<html><body>502 Bad Gateway</body></html>", "server_error", "GigaChat answered HTTP 502")]
    [InlineData(HttpStatusCode.ServiceUnavailable, "upstream overloaded", "server_error", "GigaChat: upstream overloaded")]
    public void OtherErrors_KeepTheirStatus(HttpStatusCode status, string body, string type, string message)
    {
        var (translated, error) = Translate(status, body);

        Assert.Equal(status, translated);
        Assert.Equal(type, error["type"]!.GetValue<string>());
        Assert.Equal(message, error["message"]!.GetValue<string>());
        Assert.Null(error["code"]);
    }
}
