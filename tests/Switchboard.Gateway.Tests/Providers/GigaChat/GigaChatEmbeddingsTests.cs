using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using Switchboard.Gateway.Providers;
using Switchboard.Gateway.Providers.GigaChat;

namespace Switchboard.Gateway.Tests.Providers.GigaChat;

public sealed class GigaChatEmbeddingsTests
{
    private const string Native = """
        {"object":"list","data":[{"object":"embedding","embedding":[1.5,-0.25],"index":0,"usage":{"prompt_tokens":6}},
                                 {"object":"embedding","embedding":[3,0],"index":1,"usage":{"prompt_tokens":2}}],"model":"Embeddings"}
        """;

    [Fact]
    public void Request_TakesAStringOrStrings()
    {
        Assert.Equal("""{"model":"Embeddings","input":["a"]}""", Encoding.UTF8.GetString(GigaChatEmbeddings.BuildRequest(Encoding.UTF8.GetBytes("""{"input":"a","dimensions":3}"""), "Embeddings")));
        Assert.Equal("""{"model":"E","input":["a","b"]}""", Encoding.UTF8.GetString(GigaChatEmbeddings.BuildRequest(Encoding.UTF8.GetBytes("""{"input":["a","b"]}"""), "E")));
    }

    [Fact]
    public void Request_WithTokenArrays_CannotBeSent()
    {
        Assert.Throws<ProviderException>(() => GigaChatEmbeddings.BuildRequest(Encoding.UTF8.GetBytes("""{"input":[[1,2,3]]}"""), "E"));
    }

    [Fact]
    public void Response_SumsUsage()
    {
        var openAi = JsonNode.Parse(GigaChatEmbeddings.TranslateResponse(Encoding.UTF8.GetBytes(Native), base64: false))!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.5,-0.25]},{"object":"embedding","index":1,"embedding":[3,0]}],
             "model":"Embeddings","usage":{"prompt_tokens":8,"total_tokens":8}}
            """), openAi));
    }

    [Fact]
    public void Response_InBase64_IsLittleEndianFloat32()
    {
        var openAi = JsonNode.Parse(GigaChatEmbeddings.TranslateResponse(Encoding.UTF8.GetBytes(Native), base64: true))!;

        var bytes = Convert.FromBase64String(openAi["data"]![0]!["embedding"]!.GetValue<string>());
        Assert.Equal(8, bytes.Length);
        Assert.Equal(1.5f, BinaryPrimitives.ReadSingleLittleEndian(bytes));
        Assert.Equal(-0.25f, BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(4)));
    }

    [Fact]
    public void WantsBase64_ReadsEncodingFormat()
    {
        Assert.True(GigaChatEmbeddings.WantsBase64(Encoding.UTF8.GetBytes("""{"input":"a","encoding_format":"base64"}""")));
        Assert.False(GigaChatEmbeddings.WantsBase64(Encoding.UTF8.GetBytes("""{"input":"a"}""")));
    }
}
