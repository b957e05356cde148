using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Switchboard.Gateway.Aggregation;

/// <summary>
/// Majority vote over several answers, for classification labels and JSON outputs: answers count as
/// the same when they match after normalisation (JSON compared as parsed values with sorted keys;
/// text trimmed, case-folded, whitespace collapsed, trailing punctuation dropped). A tie goes to the
/// answer given first, by the members' order.
/// </summary>
internal static class ConsensusVote
{
    /// <summary>The index of the winning answer and how many answers agree with it.</summary>
    public static (int Winner, int Votes) Decide(IReadOnlyList<CapturedAnswer> answers)
    {
        var counts = new Dictionary<string, (int First, int Votes)>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            if (!answers[i].Succeeded)
            {
                continue;
            }

            var key = Key(answers[i]);
            counts[key] = counts.TryGetValue(key, out var seen) ? (seen.First, seen.Votes + 1) : (i, 1);
        }

        var best = counts.Values.OrderByDescending(c => c.Votes).ThenBy(c => c.First).First();
        return (best.First, best.Votes);
    }

    /// <summary>The form two answers must share to count as the same vote.</summary>
    internal static string Key(CapturedAnswer answer)
    {
        var message = answer.Message!;
        if (message["tool_calls"] is JsonArray calls && calls.Count > 0)
        {
            return "tools:" + string.Join("|", calls.Select(c => c?["function"]?["name"] + "(" + Canonical(c?["function"]?["arguments"]?.GetValue<string>() ?? "") + ")"));
        }

        return Canonical(answer.Content ?? "");
    }

    private static string Canonical(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            try
            {
                return "json:" + Sorted(JsonNode.Parse(trimmed))?.ToJsonString();
            }
            catch (JsonException)
            {
                // Not JSON after all: compared as text.
            }
        }

        var folded = new StringBuilder(trimmed.Length);
        foreach (var word in trimmed.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            folded.Append(folded.Length > 0 ? " " : "").Append(word);
        }

        return "text:" + folded.ToString().TrimEnd('.', '!', '?', ';', ':', ',', '"', '\'', '`');
    }

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };
}
