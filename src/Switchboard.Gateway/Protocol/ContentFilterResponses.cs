using System.Text.Json;

namespace Switchboard.Gateway.Protocol;

/// <summary>
/// Recognises a provider's content-filter refusal in a whole response: an error with code
/// <c>content_filter</c> (OpenAI, Azure OpenAI's <c>ResponsibleAIPolicyViolation</c>) or a completion whose
/// finish reason is <c>content_filter</c>. Stateless.
/// </summary>
internal static class ContentFilterResponses
{
    public static bool IsContentFiltered(int status, ReadOnlyMemory<byte> body, string? finishReason)
    {
        if (status is >= 200 and < 300)
        {
            return finishReason == "content_filter";
        }

        if (status != 400 || body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("code", out var code)
                && code.ValueKind == JsonValueKind.String
                && code.GetString() is "content_filter" or "content_policy_violation" or "ResponsibleAIPolicyViolation";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
