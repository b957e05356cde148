using System.Buffers.Binary;
using System.Text.Json;
using static Switchboard.Gateway.Providers.GigaChat.GigaChatJson;

namespace Switchboard.Gateway.Providers.GigaChat;

/// <summary>
/// Embeddings between OpenAI and GigaChat: the request's <c>input</c> (a string or strings) becomes
/// GigaChat's array of texts; the answer's per-item usage is summed into OpenAI's <c>usage</c>, and
/// vectors are written as numbers or, for <c>encoding_format: base64</c>, as little-endian float32
/// bytes in base64 like OpenAI's. Stateless.
/// </summary>
internal static class GigaChatEmbeddings
{
    public static byte[] BuildRequest(ReadOnlyMemory<byte> openAiBody, string model)
    {
        using var document = GigaChatChatRequest.ParseBody(openAiBody);
        var root = document.RootElement;
        if (!root.TryGetProperty("input", out var input) || input.ValueKind is not (JsonValueKind.String or JsonValueKind.Array))
        {
            throw GigaChatChatRequest.Unusable("the request has no input");
        }

        return OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("model", model);
            json.WriteStartArray("input");
            if (input.ValueKind == JsonValueKind.String)
            {
                json.WriteStringValue(input.GetString());
            }
            else
            {
                foreach (var item in input.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        throw GigaChatChatRequest.Unusable("embedding input must be text (token arrays are OpenAI-only)");
                    }

                    json.WriteStringValue(item.GetString());
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>Whether the client asked for base64 vectors.</summary>
    public static bool WantsBase64(ReadOnlyMemory<byte> openAiBody)
    {
        try
        {
            using var document = JsonDocument.Parse(openAiBody);
            return StringOf(document.RootElement, "encoding_format") == "base64";
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <exception cref="JsonException">The body is not GigaChat's JSON.</exception>
    public static byte[] TranslateResponse(ReadOnlySpan<byte> native, bool base64)
    {
        var reader = new Utf8JsonReader(native);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var promptTokens = 0;
        return OpenAiShapes.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            if (TryGet(root, "data", JsonValueKind.Array, out var data))
            {
                var position = 0;
                foreach (var item in data.EnumerateArray())
                {
                    json.WriteStartObject();
                    json.WriteString("object", "embedding");
                    json.WriteNumber("index", IntOf(item, "index") ?? position);
                    json.WritePropertyName("embedding");
                    WriteVector(json, item.TryGetProperty("embedding", out var vector) ? vector : default, base64);
                    json.WriteEndObject();
                    if (TryGet(item, "usage", JsonValueKind.Object, out var usage))
                    {
                        promptTokens += IntOf(usage, "prompt_tokens") ?? 0;
                    }

                    position++;
                }
            }

            json.WriteEndArray();
            json.WriteString("model", StringOf(root, "model") ?? "");
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", promptTokens);
            json.WriteNumber("total_tokens", promptTokens);
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteVector(Utf8JsonWriter json, JsonElement vector, bool base64)
    {
        if (vector.ValueKind != JsonValueKind.Array)
        {
            throw new JsonException("an embedding has no vector");
        }

        if (!base64)
        {
            vector.WriteTo(json);
            return;
        }

        var bytes = new byte[vector.GetArrayLength() * sizeof(float)];
        var offset = 0;
        foreach (var value in vector.EnumerateArray())
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(offset), value.GetSingle());
            offset += sizeof(float);
        }

        json.WriteBase64StringValue(bytes);
    }
}
