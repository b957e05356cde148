using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Models;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>
/// The optional re-rank stage: a chat model scores each candidate passage's relevance to the query (0–10) in one
/// listwise call, and candidates are re-ordered by that score (ties keep the first-stage order). A failed call or an
/// unreadable reply leaves the first-stage order — re-ranking may improve a result, never break a search. Thread-safe.
/// </summary>
internal sealed partial class LlmReranker(IKnowledgeModels models)
{
    private const int PassageCharacters = 700;

    /// <summary>The candidates re-ordered, or null when the model could not score them.</summary>
    public async Task<List<T>?> RerankAsync<T>(KnowledgeCaller caller, string model, string query, List<T> candidates, Func<T, string> text,
        CancellationToken cancellationToken)
    {
        if (candidates.Count < 2)
        {
            return candidates;
        }

        var prompt = new StringBuilder("Query: ").Append(query).Append("\n\nPassages:\n");
        for (var i = 0; i < candidates.Count; i++)
        {
            var passage = text(candidates[i]).ReplaceLineEndings(" ");
            prompt.Append('[').Append(i + 1).Append("] ").Append(passage.Length > PassageCharacters ? passage[..PassageCharacters] + "…" : passage).Append('\n');
        }

        ChatAnswer answer;
        try
        {
            answer = await models.CompleteAsync(caller, model,
            [
                new ChatTurn("system", "You rate how well each passage answers the query, from 0 (unrelated) to 10 (answers it fully). "
                    + $"Reply with JSON only: {{\"scores\": [s1, s2, …]}} with exactly {candidates.Count} numbers, in passage order."),
                new ChatTurn("user", prompt.ToString()),
            ], 16 + (candidates.Count * 4), cancellationToken).ConfigureAwait(false);
        }
        catch (KnowledgeModelException)
        {
            return null;
        }

        var scores = ParseScores(answer.Text, candidates.Count);
        return scores is null
            ? null
            : [.. candidates.Select((c, i) => (c, i)).OrderByDescending(x => scores[x.i]).ThenBy(x => x.i).Select(x => x.c)];
    }

    /// <summary>The scores from <c>{"scores":[…]}</c> (or a bare array) when there are exactly <paramref name="count"/> of them.</summary>
    internal static double[]? ParseScores(string reply, int count)
    {
        var match = ArrayPattern().Match(reply);
        if (!match.Success)
        {
            return null;
        }

        try
        {
            var values = JsonSerializer.Deserialize(match.Value, RerankJsonContext.Default.DoubleArray);
            return values is { Length: var n } && n == count ? values : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\[[\s\d.,\-]*\]")]
    private static partial Regex ArrayPattern();
}

/// <summary>Source-generated JSON for the re-ranker's reply.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(double[]))]
internal sealed partial class RerankJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
