using System.Text;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Tests.Protocol;

public sealed class ContextWindowErrorsTests
{
    [Theory]
    [InlineData(400, """{"error":{"message":"This model's maximum context length is 8192 tokens.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}""", true)]
    [InlineData(400, """{"object":"error","message":"This model's maximum context length is 4096 tokens. However, you requested 5000 tokens.","type":"BadRequestError","param":null,"code":400}""", true)]
    [InlineData(400, """{"error":{"code":400,"message":"the request exceeds the available context size, try increasing it","type":"exceed_context_size_error"}}""", true)]
    [InlineData(400, """{"error":{"message":"the input length exceeds the context length","type":"api_error"}}""", true)]
    [InlineData(413, """{"error":{"message":"Too many tokens in the request"}}""", true)]
    [InlineData(400, """{"error":{"message":"temperature must be at most 2","type":"invalid_request_error","code":"bad_temp"}}""", false)]
    [InlineData(500, """{"error":{"code":"context_length_exceeded"}}""", false)]
    [InlineData(400, "not json at all", false)]
    [InlineData(400, "", false)]
    public void IsContextWindowExceeded_RecognisesKnownServers(int status, string body, bool expected)
    {
        Assert.Equal(expected, ContextWindowErrors.IsContextWindowExceeded(status, Encoding.UTF8.GetBytes(body).AsMemory()));
    }
}
