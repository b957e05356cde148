using System.Text.Json;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// Validates an OpenAI request body in one forward pass with <see cref="Utf8JsonReader"/> and records
/// where the fields the relay edits sit. Nothing else in the body is materialised: unknown fields are
/// skipped (and so validated) and later forwarded byte for byte.
/// </summary>
internal static class RequestInspector
{
    /// <summary>The request extension field that plain OpenAI clients never send (docs/strategies.md).</summary>
    public static ReadOnlySpan<byte> ExtensionProperty => "switchboard"u8;

    public static OpenAiError? Inspect(ReadOnlySpan<byte> body, UpstreamOperation operation, out InspectedRequest request)
    {
        request = default;
        try
        {
            return InspectCore(body, operation, out request);
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            return OpenAiError.BadRequest(
                $"The request body is not valid JSON: error at line {line}, position {position}: {TrimReaderMessage(ex.Message)}",
                null, "invalid_json");
        }
    }

    private static OpenAiError? InspectCore(ReadOnlySpan<byte> body, UpstreamOperation operation, out InspectedRequest request)
    {
        request = default;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return OpenAiError.BadRequest("The request body must be a JSON object.", null, "invalid_json");
        }

        var bodyStart = (int)reader.BytesConsumed;
        string? model = null;
        int modelStart = -1, modelEnd = -1, streamOptionsStart = -1, streamOptionsEnd = -1, extensionStart = 0, extensionEnd = 0;
        bool stream = false, includeUsage = false, hasRequiredInput = false, hasTools = false, jsonMode = false, hasImages = false;
        var inputBytes = 0;
        int? maxTokens = null;
        var choices = 1;
        var requiredField = operation switch
        {
            UpstreamOperation.ChatCompletions => "messages"u8,
            UpstreamOperation.Completions => "prompt"u8,
            _ => "input"u8,
        };

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String)
                {
                    return OpenAiError.BadRequest("'model' must be a string.", "model", "invalid_type");
                }

                model = reader.GetString();
                modelStart = (int)reader.TokenStartIndex;
                modelEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType == JsonTokenType.True;
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null))
                {
                    return OpenAiError.BadRequest("'stream' must be a boolean.", "stream", "invalid_type");
                }
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                streamOptionsStart = (int)reader.TokenStartIndex;
                includeUsage = ReadIncludeUsage(ref reader);
                streamOptionsEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals(requiredField))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Null)
                {
                    return OpenAiError.MissingField(System.Text.Encoding.UTF8.GetString(requiredField));
                }

                if (operation == UpstreamOperation.ChatCompletions && reader.TokenType != JsonTokenType.StartArray)
                {
                    return OpenAiError.BadRequest("'messages' must be an array.", "messages", "invalid_type");
                }

                hasRequiredInput = true;
                var inputStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var input = body[inputStart..(int)reader.BytesConsumed];
                inputBytes = input.Length;
                // An image_url property (not merely the words in a text) marks an image part.
                hasImages = input.IndexOf("\"image_url\":"u8) >= 0;
            }
            else if (reader.ValueTextEquals("tools"u8) || reader.ValueTextEquals("functions"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    // The reader is a struct: a copy peeks at the first element without moving this one.
                    var peek = reader;
                    peek.Read();
                    hasTools |= peek.TokenType != JsonTokenType.EndArray;
                }

                reader.Skip();
            }
            else if (reader.ValueTextEquals(ExtensionProperty))
            {
                // Switchboard's own options (strategies): validated where they are used, cut before relaying.
                extensionStart = (int)reader.TokenStartIndex;
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return OpenAiError.BadRequest("'switchboard' must be an object.", "switchboard", "invalid_type");
                }

                reader.Skip();
                extensionEnd = (int)reader.BytesConsumed;
            }
            else if (reader.ValueTextEquals("response_format"u8))
            {
                reader.Read();
                jsonMode = ReadJsonMode(ref reader);
            }
            else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8))
            {
                // Not validated here: the upstream judges the value; the gateway only estimates with it.
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 0)
                {
                    maxTokens = value;
                }

                reader.Skip();
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value > 1)
                {
                    choices = value;
                }

                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Anything after the root object is a syntax error; reading on makes the reader report it.
        while (reader.Read())
        {
        }

        if (model is null)
        {
            return OpenAiError.MissingField("model");
        }

        if (model.Length == 0)
        {
            return OpenAiError.BadRequest("'model' must not be empty.", "model", "invalid_value");
        }

        if (!hasRequiredInput)
        {
            return OpenAiError.MissingField(System.Text.Encoding.UTF8.GetString(requiredField));
        }

        request = new InspectedRequest
        {
            Model = model,
            ModelValueStart = modelStart,
            ModelValueEnd = modelEnd,
            BodyStart = bodyStart,
            Stream = stream,
            StreamOptionsStart = streamOptionsStart,
            StreamOptionsEnd = streamOptionsEnd,
            ClientIncludeUsage = includeUsage,
            HasTools = hasTools,
            JsonMode = jsonMode,
            HasImages = hasImages,
            InputBytes = inputBytes,
            MaxTokens = maxTokens,
            Choices = choices,
            ExtensionStart = extensionStart,
            ExtensionEnd = extensionEnd,
        };
        return null;
    }

    /// <summary>Reads the <c>stream_options</c> value (reader on its first token) and leaves the reader on its last token.</summary>
    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var includeUsage = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage)
            {
                includeUsage = reader.TokenType == JsonTokenType.True;
            }

            reader.Skip();
        }

        return includeUsage;
    }

    /// <summary>Reads <c>response_format</c> (reader on its first token), leaving the reader on its last token.</summary>
    private static bool ReadJsonMode(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }

        var json = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType && reader.TokenType == JsonTokenType.String)
            {
                json = reader.ValueTextEquals("json_object"u8) || reader.ValueTextEquals("json_schema"u8);
            }

            reader.Skip();
        }

        return json;
    }

    // The reader's message ends with "LineNumber: 0 | BytePositionInLine: 5." (0-based); we report 1-based above.
    private static string TrimReaderMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut].TrimEnd() : message;
        // Advice meant for .NET developers, not for API callers.
        return text.Replace(" Change the reader options.", "", StringComparison.Ordinal);
    }
}
