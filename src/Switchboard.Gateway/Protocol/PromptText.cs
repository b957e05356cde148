using System.Text;
using System.Text.Json;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Protocol;

/// <summary>The text a classifier looks at: the last user message of a chat, or the prompt of a completion.</summary>
internal static class PromptText
{
    public static string LastUserText(ReadOnlyMemory<byte> body, UpstreamOperation operation)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (operation == UpstreamOperation.Completions)
            {
                return root.TryGetProperty("prompt", out var prompt) && prompt.ValueKind == JsonValueKind.String ? prompt.GetString()! : "";
            }

            if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
            {
                return "";
            }

            for (var i = messages.GetArrayLength() - 1; i >= 0; i--)
            {
                var message = messages[i];
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8)
                    && message.TryGetProperty("content", out var content))
                {
                    return ContentText(content);
                }
            }
        }
        catch (JsonException)
        {
            // The body was validated already; a surprise shape just classifies as no text.
        }

        return "";
    }

    private static string ContentText(JsonElement content)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return "";
        }

        var text = new StringBuilder();
        foreach (var part in content.EnumerateArray())
        {
            if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
            {
                text.Append(value.GetString()).Append('\n');
            }
        }

        return text.ToString();
    }
}
