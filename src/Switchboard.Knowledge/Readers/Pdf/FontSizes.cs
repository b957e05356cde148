namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// Document-wide font statistics for telling headings from body text. The body size is the size (to 0.5 pt) that most
/// letters have; a line whose main size is at least 15 % larger, with at least two letters and at most 150
/// characters, is a heading, the largest such size level 1, the next level 2, and so on (level 6 at most). The line
/// pitch is the most common baseline distance between consecutive body lines, in ems.
/// </summary>
internal sealed class FontSizes
{
    private const double HeadingFactor = 1.15;
    private const int MaxHeadingLength = 150;

    private readonly Dictionary<int, int> _levels = [];

    private FontSizes(double body, double pitch)
    {
        Body = body;
        Pitch = pitch;
    }

    public double Body { get; }

    /// <summary>Baseline distance of consecutive lines of a paragraph, in multiples of the font size.</summary>
    public double Pitch { get; }

    public static FontSizes Measure(IReadOnlyList<List<PdfLine>> pages)
    {
        var letters = new Dictionary<int, int>();
        var pitches = new Dictionary<int, int>();
        foreach (var lines in pages)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var key = Key(lines[i].Size);
                letters[key] = letters.GetValueOrDefault(key) + lines[i].Text.Length;
                if (i > 0 && Math.Abs(lines[i - 1].Size - lines[i].Size) < 0.5)
                {
                    var ratio = (lines[i - 1].Baseline - lines[i].Baseline) / lines[i].Size;
                    if (ratio is >= 0.9 and <= 2.5)
                    {
                        var pitchKey = (int)Math.Round(ratio * 20);
                        pitches[pitchKey] = pitches.GetValueOrDefault(pitchKey) + 1;
                    }
                }
            }
        }

        var body = letters.Count == 0 ? 10 : letters.MaxBy(p => p.Value).Key / 2.0;
        var pitch = pitches.Count == 0 ? 1.2 : pitches.MaxBy(p => p.Value).Key / 20.0;
        var sizes = new FontSizes(body, pitch);
        var headingSizes = pages.SelectMany(l => l).Where(sizes.LooksLikeHeading).Select(l => Key(l.Size)).Distinct().OrderDescending().ToList();
        for (var i = 0; i < headingSizes.Count; i++)
        {
            sizes._levels[headingSizes[i]] = Math.Min(i + 1, 6);
        }

        return sizes;
    }

    /// <summary>1–6 when the line is a heading, else 0.</summary>
    public int HeadingLevel(PdfLine line) =>
        LooksLikeHeading(line) && _levels.TryGetValue(Key(line.Size), out var level) ? level : 0;

    private bool LooksLikeHeading(PdfLine line)
    {
        if (line.Size < Body * HeadingFactor || line.Text.Length > MaxHeadingLength)
        {
            return false;
        }

        var letters = 0;
        foreach (var c in line.Text)
        {
            letters += char.IsLetter(c) ? 1 : 0;
        }

        return letters >= 2;
    }

    private static int Key(double size) => (int)Math.Round(size * 2);
}
