using System.Globalization;
using System.Text.Json;

namespace Switchboard.Knowledge.Evaluation;

/// <summary>
/// Reads a BEIR folder (<c>corpus.jsonl</c>, <c>queries.jsonl</c>, <c>qrels/&lt;split&gt;.tsv</c>), the format every
/// public retrieval benchmark we compare against ships in. Queries without judgements in the split are dropped.
/// </summary>
internal static class BeirLoader
{
    public static BeirDataset Load(string folder, string split = "test")
    {
        ArgumentNullException.ThrowIfNull(folder);
        var qrels = ReadQrels(Path.Combine(folder, "qrels", split + ".tsv"));
        var queries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, _, text) in ReadJsonLines(Path.Combine(folder, "queries.jsonl")))
        {
            if (qrels.ContainsKey(id))
            {
                queries[id] = text;
            }
        }

        var corpus = new List<BeirDocument>();
        foreach (var (id, title, text) in ReadJsonLines(Path.Combine(folder, "corpus.jsonl")))
        {
            corpus.Add(new BeirDocument(id, title, text));
        }

        return new BeirDataset(corpus, queries, qrels);
    }

    private static IEnumerable<(string Id, string Title, string Text)> ReadJsonLines(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            yield return (Id(root.GetProperty("_id")), OptionalString(root, "title"), OptionalString(root, "text"));
        }
    }

    // Some BEIR sets write numeric ids unquoted.
    private static string Id(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();

    private static string OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : string.Empty;

    private static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path)
    {
        var qrels = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3 || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var score))
            {
                continue; // The header row, or a blank line.
            }

            if (!qrels.TryGetValue(parts[0], out var judged))
            {
                qrels[parts[0]] = judged = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            judged[parts[1]] = score;
        }

        return qrels.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, int>)p.Value, StringComparer.Ordinal);
    }
}
