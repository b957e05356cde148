using System.Text.Json;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// Reads usage, finish reason and model out of an OpenAI response object (a whole JSON body or one
/// streamed chunk) without materialising it. Malformed upstream JSON is not our business to reject:
/// the bytes are relayed as they are and the scan just stops.
/// </summary>
internal static class ResponseScanner
{
    /// <summary>Scans one response object; returns the number of entries in <c>choices</c> (-1 when absent).</summary>
    public static int Scan(ReadOnlySpan<byte> json, UsageReport report, out bool hasUsage)
    {
        hasUsage = false;
        var choices = -1;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return choices;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("usage"u8))
                {
                    reader.Read();
                    hasUsage = reader.TokenType == JsonTokenType.StartObject;
                    if (hasUsage)
                    {
                        ReadUsage(ref reader, report);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                else if (reader.ValueTextEquals("choices"u8))
                {
                    reader.Read();
                    choices = ReadChoices(ref reader, report);
                }
                else if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String && report.ResponseModel is null)
                    {
                        report.ResponseModel = reader.GetString();
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Relayed as-is; nothing more to learn from it.
        }

        return choices;
    }

    private static void ReadUsage(ref Utf8JsonReader reader, UsageReport report)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("prompt_tokens"u8))
            {
                report.InputTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("completion_tokens"u8))
            {
                report.OutputTokens = ReadInt(ref reader);
            }
            else if (reader.ValueTextEquals("prompt_tokens_details"u8))
            {
                report.CachedTokens = ReadNestedInt(ref reader, "cached_tokens"u8) ?? report.CachedTokens;
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8))
            {
                report.ReasoningTokens = ReadNestedInt(ref reader, "reasoning_tokens"u8) ?? report.ReasoningTokens;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static int ReadChoices(ref Utf8JsonReader reader, UsageReport report)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return -1;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            count++;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isFinishReason = reader.ValueTextEquals("finish_reason"u8);
                reader.Read();
                if (isFinishReason && reader.TokenType == JsonTokenType.String)
                {
                    report.FinishReason = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return count;
    }

    private static int? ReadInt(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : null;
    }

    private static int? ReadNestedInt(ref Utf8JsonReader reader, ReadOnlySpan<byte> name)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        int? result = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(name))
            {
                result = ReadInt(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return result;
    }
}
