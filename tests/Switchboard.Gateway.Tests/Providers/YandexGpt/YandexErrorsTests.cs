using System.Net;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers.YandexGpt;

namespace Switchboard.Gateway.Tests.Providers.YandexGpt;

public sealed class YandexErrorsTests
{
    [Theory]
    [InlineData("""{"error":{"grpcCode":3,"httpCode":400,"message":"Number of input tokens must be no more than 8192, got 9012","httpStatus":"Bad Request","details":[]}}""")]
    [InlineData("""{"code":3,"message":"Request contains too many tokens","details":[]}""")]
    public void Translate_PromptTooLong_Is400ContextLengthExceeded(string native)
    {
        var (status, body) = YandexErrors.Translate(HttpStatusCode.BadRequest, System.Text.Encoding.UTF8.GetBytes(native));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("context_length_exceeded", JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public void Translate_RateLimit_KeepsTheStatusAndMessage()
    {
        var (status, body) = YandexErrors.Translate(HttpStatusCode.TooManyRequests, """{"error":{"grpcCode":8,"message":"quota"}}"""u8);

        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("rate_limit_error", error["type"]!.GetValue<string>());
        Assert.Equal("quota", error["message"]!.GetValue<string>());
    }

    [Fact]
    public void Translate_NotJson_StillGivesAnOpenAiError()
    {
        var (status, body) = YandexErrors.Translate(HttpStatusCode.BadGateway, "<html>bad gateway</html>"u8);

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Equal("server_error", JsonNode.Parse(body)!["error"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(3, HttpStatusCode.BadRequest)]
    [InlineData(8, HttpStatusCode.TooManyRequests)]
    [InlineData(16, HttpStatusCode.Unauthorized)]
    [InlineData(14, HttpStatusCode.ServiceUnavailable)]
    [InlineData(13, HttpStatusCode.InternalServerError)]
    public void FromGrpcCode_MapsOperationErrors(long code, HttpStatusCode status) => Assert.Equal(status, YandexErrors.FromGrpcCode(code));
}
