namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Guesses a CSV file's delimiter from its first lines: of comma, semicolon, tab and pipe, the one that appears
/// (outside quotes) the same non-zero number of times on the most lines wins; ties go to the higher count.
/// </summary>
internal static class CsvDelimiter
{
    private const int SampleLines = 20;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    public static char Sniff(string text)
    {
        var lines = new List<string>(SampleLines);
        foreach (var line in text.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace())
            {
                lines.Add(line.ToString());
                if (lines.Count == SampleLines)
                {
                    break;
                }
            }
        }

        var best = ',';
        var bestScore = (Share: 0.0, Count: 0);
        foreach (var candidate in Candidates)
        {
            var counts = lines.Select(l => CountOutsideQuotes(l, candidate)).Where(c => c > 0).ToList();
            if (counts.Count == 0)
            {
                continue;
            }

            var mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First();
            var score = (Share: (double)mode.Count() / lines.Count, Count: mode.Key);
            if (score.Share > bestScore.Share + 1e-9 || (Math.Abs(score.Share - bestScore.Share) < 1e-9 && score.Count > bestScore.Count))
            {
                best = candidate;
                bestScore = score;
            }
        }

        return best;
    }

    private static int CountOutsideQuotes(string line, char delimiter)
    {
        var count = 0;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}
