using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI.Embeddings;
using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

public sealed class EmbeddingsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task GenerateEmbedding_WithOpenAiSdk_ReturnsVectorOfRequestedDimensions()
    {
        var client = fixture.Server.OpenAi().GetEmbeddingClient("embed");

        OpenAIEmbedding embedding = await client.GenerateEmbeddingAsync("Привет, мир", new EmbeddingGenerationOptions { Dimensions = 8 });

        var vector = embedding.ToFloats().ToArray();
        Assert.Equal(8, vector.Length);
        Assert.Equal(1f, vector[0]);
        Assert.Equal(0.5f, vector[1]);
        var upstream = fixture.Stub.Requests.Last(r => r.Path == "/v1/embeddings" && r.Json["input"] is JsonValue);
        Assert.Equal("text-embedding-stub", upstream.Model);
        Assert.Equal(8, upstream.Json["dimensions"]!.GetValue<int>());
    }

    [Fact]
    public async Task GenerateEmbeddings_ArrayInput_ReturnsOneVectorPerInput()
    {
        var client = fixture.Server.OpenAi().GetEmbeddingClient("embed");

        OpenAIEmbeddingCollection embeddings = await client.GenerateEmbeddingsAsync(["one", "two", "three"]);

        Assert.Equal(3, embeddings.Count);
        Assert.Equal(9, embeddings.Usage.InputTokenCount);
    }

    [Theory]
    [InlineData("float")]
    [InlineData("base64")]
    public async Task Embeddings_EncodingFormat_IsForwardedAndAnsweredInKind(string format)
    {
        using var response = await fixture.Server.Http.PostAsJsonAsync("v1/embeddings", new { model = "embed", input = new[] { "a", "b" }, encoding_format = format });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var embedding = body["data"]![1]!["embedding"]!;
        if (format == "base64")
        {
            Assert.Equal(4 * 4, Convert.FromBase64String(embedding.GetValue<string>()).Length);
        }
        else
        {
            Assert.Equal(4, embedding.AsArray().Count);
        }

        Assert.Equal(format, Assert.Single(fixture.UpstreamRequestsFor(response)).Json["encoding_format"]!.GetValue<string>());
    }

    [Fact]
    public async Task Embeddings_WithoutInput_Is400NamingInput()
    {
        using var response = await fixture.Server.Http.PostAsJsonAsync("v1/embeddings", new { model = "embed" });
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("input", error["param"]!.GetValue<string>());
    }
}
