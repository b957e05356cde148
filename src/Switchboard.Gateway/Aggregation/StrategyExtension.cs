using System.Text.Json;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Aggregation;

/// <summary>
/// The per-request <c>switchboard</c> extension of a request body, e.g.
/// <c>"switchboard": {"strategy": "compare", "models": ["a", "b"]}</c>: read it into a strategy, and cut
/// it out of the body before anything goes upstream. Rare path: plain OpenAI clients never send it.
/// </summary>
internal static class StrategyExtension
{
    private const string Param = "switchboard";

    /// <summary>
    /// The strategy the extension asks for; fields it leaves out come from the alias's own strategy
    /// when it names the same one. Returns an error naming the offending field.
    /// </summary>
    public static OpenAiError? Parse(ReadOnlySpan<byte> body, in InspectedRequest request, AggregationStrategy configured, out AggregationStrategy strategy)
    {
        strategy = configured;
        // The property's name (even with escapes) holds no '{': the first one opens the value.
        var property = body[request.ExtensionStart..request.ExtensionEnd];
        using var document = JsonDocument.Parse(property[property.IndexOf((byte)'{')..].ToArray());
        StrategyKind? kind = null;
        int? fanOut = null;
        TimeSpan? hedgeAfter = null;
        IReadOnlyList<string>? members = null;
        string? judge = null;
        foreach (var field in document.RootElement.EnumerateObject())
        {
            var value = field.Value;
            switch (field.Name)
            {
                case "strategy" when value.ValueKind == JsonValueKind.String && AggregationStrategy.ByName.TryGetValue(value.GetString()!, out var named):
                    kind = named;
                    break;
                case "strategy":
                    return Invalid("strategy", $"must be one of {string.Join(", ", AggregationStrategy.ByName.Keys)}");
                case "fan_out" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n is >= 1 and <= AggregationStrategy.MaxFanOut:
                    fanOut = n;
                    break;
                case "fan_out":
                    return Invalid("fan_out", $"must be a whole number from 1 to {AggregationStrategy.MaxFanOut}");
                case "hedge_after_ms" when value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var ms) && ms >= 0:
                    hedgeAfter = TimeSpan.FromMilliseconds(ms);
                    break;
                case "hedge_after_ms":
                    return Invalid("hedge_after_ms", "must be a whole number of milliseconds, zero or more");
                case "models" when value.ValueKind == JsonValueKind.Array && value.GetArrayLength() is > 0 and <= AggregationStrategy.MaxFanOut
                                   && value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String && e.GetString()!.Length > 0):
                    members = value.EnumerateArray().Select(e => e.GetString()!).ToArray();
                    break;
                case "models":
                    return Invalid("models", $"must be a list of 1 to {AggregationStrategy.MaxFanOut} model names");
                case "judge" when value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0:
                    judge = value.GetString();
                    break;
                case "judge":
                    return Invalid("judge", "must be a model name");
                default:
                    return OpenAiError.BadRequest(
                        $"Unknown property '{Param}.{field.Name}' (known: strategy, fan_out, hedge_after_ms, models, judge).", $"{Param}.{field.Name}", "invalid_extension");
            }
        }

        var resolvedKind = kind ?? configured.Kind;
        var inherit = resolvedKind == configured.Kind ? configured : AggregationStrategy.Single;
        strategy = new AggregationStrategy(resolvedKind, fanOut ?? inherit.FanOut, hedgeAfter ?? inherit.HedgeAfter, members ?? inherit.Members,
            judge ?? inherit.Judge);
        if (!strategy.Collects && (members is not null || judge is not null))
        {
            return Invalid(members is not null ? "models" : "judge", $"applies to the consensus and compare strategies, not to {strategy.Name}");
        }

        return null;
    }

    /// <summary>The body without the extension property (and the comma that separated it from a neighbour).</summary>
    public static byte[] Strip(ReadOnlySpan<byte> body, in InspectedRequest request)
    {
        int start = request.ExtensionStart, end = request.ExtensionEnd;
        var after = end;
        while (after < body.Length && IsWhitespace(body[after]))
        {
            after++;
        }

        if (after < body.Length && body[after] == (byte)',')
        {
            end = after + 1;
            while (end < body.Length && IsWhitespace(body[end]))
            {
                end++;
            }
        }
        else
        {
            var before = start - 1;
            while (before > 0 && IsWhitespace(body[before]))
            {
                before--;
            }

            if (body[before] == (byte)',')
            {
                start = before;
            }
        }

        var stripped = new byte[body.Length - (end - start)];
        body[..start].CopyTo(stripped);
        body[end..].CopyTo(stripped.AsSpan(start));
        return stripped;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static OpenAiError Invalid(string field, string problem) =>
        OpenAiError.BadRequest($"'{Param}.{field}' {problem}.", $"{Param}.{field}", "invalid_extension");
}
