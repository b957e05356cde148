using System.Net;
using System.Text;
using System.Text.Json;
using Switchboard.Local.Inference;

namespace Switchboard.Local.Serving;

/// <summary>OpenAI <c>/v1/embeddings</c> for local models: string or list-of-strings input, float or base64 output, exact usage.</summary>
internal static class LocalEmbeddingsEndpoint
{
    public static HttpResponseMessage Handle(LocalModelManager manager, byte[] body, CancellationToken cancellationToken)
    {
        string model;
        List<string> inputs;
        bool base64;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            model = root.GetProperty("model").GetString()!;
            var input = root.GetProperty("input");
            inputs = input.ValueKind switch
            {
                JsonValueKind.String => [input.GetString()!],
                JsonValueKind.Array when input.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => input.EnumerateArray().Select(e => e.GetString()!).ToList(),
                _ => throw new FormatException("'input' must be a string or a list of strings (token arrays are not supported by the local provider)"),
            };
            base64 = root.TryGetProperty("encoding_format", out var format) && format.ValueEquals("base64"u8);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return Json(HttpStatusCode.BadRequest, LocalResponseWriter.Error($"The request could not be read by the local provider: {ex.Message}", "invalid_request_error", null));
        }

        try
        {
            var embedder = manager.AcquireEmbedder(manager.Options.ResolvePath(model));
            var (vectors, tokens) = embedder.Embed(inputs, cancellationToken);
            return Json(HttpStatusCode.OK, Write(model, vectors, tokens, base64));
        }
        catch (LocalModelUnavailableException ex)
        {
            return Json(HttpStatusCode.ServiceUnavailable, LocalResponseWriter.Error(ex.Message, "server_error", "model_unavailable"));
        }
        catch (ContextLengthExceededException ex)
        {
            return Json(HttpStatusCode.BadRequest, LocalResponseWriter.Error(ex.Message, "invalid_request_error", "context_length_exceeded"));
        }
    }

    private static string Write(string model, float[][] vectors, int tokens, bool base64)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            for (var i = 0; i < vectors.Length; i++)
            {
                json.WriteStartObject();
                json.WriteString("object", "embedding");
                json.WriteNumber("index", i);
                if (base64)
                {
                    var bytes = new byte[vectors[i].Length * sizeof(float)];
                    Buffer.BlockCopy(vectors[i], 0, bytes, 0, bytes.Length);
                    json.WriteString("embedding", Convert.ToBase64String(bytes));
                }
                else
                {
                    json.WriteStartArray("embedding");
                    foreach (var x in vectors[i])
                    {
                        json.WriteNumberValue(x);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteString("model", model);
            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", tokens);
            json.WriteNumber("total_tokens", tokens);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
}
