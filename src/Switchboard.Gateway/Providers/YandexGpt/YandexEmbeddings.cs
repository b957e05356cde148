using System.Buffers.Binary;
using System.Text.Json;
using Switchboard.Gateway.Relay;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>What an OpenAI embeddings request asks of Yandex: one <c>textEmbedding</c> call per text.</summary>
/// <param name="Texts">The inputs, in order.</param>
/// <param name="Dimensions">OpenAI's <c>dimensions</c>, sent as Yandex's <c>dim</c>.</param>
/// <param name="Base64">Whether the client wants base64 float32 vectors.</param>
internal sealed record EmbeddingInput(IReadOnlyList<string> Texts, long? Dimensions, bool Base64);

/// <summary>
/// Embeddings through Foundation Models <c>textEmbedding</c>, which takes one text per call: the OpenAI
/// request's inputs, each call's body, and the OpenAI list built from all answers (usage = the sum of
/// <c>numTokens</c>; <c>encoding_format: base64</c> → little-endian float32 in base64). Stateless.
/// </summary>
internal static class YandexEmbeddings
{
    public static EmbeddingInput ReadRequest(ReadOnlyMemory<byte> openAiBody)
    {
        using var document = JsonDocument.Parse(openAiBody);
        var root = document.RootElement;
        var texts = new List<string>();
        if (root.TryGetProperty("input", out var input))
        {
            if (input.ValueKind == JsonValueKind.String)
            {
                texts.Add(input.GetString()!);
            }
            else if (input.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in input.EnumerateArray())
                {
                    texts.Add(item.ValueKind == JsonValueKind.String
                        ? item.GetString()!
                        : throw new ProviderException(ErrorTypes.Unusable, "YandexGPT embeds text, not token arrays"));
                }
            }
        }

        if (texts.Count == 0)
        {
            throw new ProviderException(ErrorTypes.Unusable, "the embeddings request has no input text");
        }

        long? dimensions = root.TryGetProperty("dimensions", out var dim) && dim.ValueKind == JsonValueKind.Number && dim.TryGetInt64(out var d) ? d : null;
        return new EmbeddingInput(texts, dimensions, YandexJson.String(root, "encoding_format") == "base64");
    }

    public static byte[] NativeBody(string modelUri, string text, long? dimensions) => OpenAiShapes.Write(json =>
    {
        json.WriteStartObject();
        json.WriteString("modelUri", modelUri);
        json.WriteString("text", text);
        if (dimensions is { } dim)
        {
            json.WriteString("dim", dim.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    });

    /// <summary>The OpenAI list from a JSON array of native answers, in input order.</summary>
    public static byte[] Translate(byte[] nativeAnswers, string model, bool base64)
    {
        try
        {
            using var document = JsonDocument.Parse(nativeAnswers);
            var answers = document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement : throw new JsonException("not an array");
            long tokens = 0;
            return OpenAiShapes.Write(json =>
            {
                json.WriteStartObject();
                json.WriteString("object", "list");
                json.WriteStartArray("data");
                var index = 0;
                foreach (var answer in answers.EnumerateArray())
                {
                    tokens += YandexJson.Int(answer, "numTokens");
                    json.WriteStartObject();
                    json.WriteString("object", "embedding");
                    json.WriteNumber("index", index++);
                    WriteVector(json, answer.GetProperty("embedding"), base64);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteString("model", model);
                json.WriteStartObject("usage");
                json.WriteNumber("prompt_tokens", tokens);
                json.WriteNumber("total_tokens", tokens);
                json.WriteEndObject();
                json.WriteEndObject();
            });
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new IOException("the YandexGPT response is not an embedding", ex);
        }
    }

    private static void WriteVector(Utf8JsonWriter json, JsonElement vector, bool base64)
    {
        if (!base64)
        {
            json.WriteStartArray("embedding");
            foreach (var value in vector.EnumerateArray())
            {
                json.WriteNumberValue(YandexJson.Double(value));
            }

            json.WriteEndArray();
            return;
        }

        var bytes = new byte[vector.GetArrayLength() * sizeof(float)];
        var offset = 0;
        foreach (var value in vector.EnumerateArray())
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), (float)YandexJson.Double(value));
            offset += sizeof(float);
        }

        json.WriteString("embedding", Convert.ToBase64String(bytes));
    }
}
