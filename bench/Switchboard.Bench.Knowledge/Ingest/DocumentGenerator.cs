using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Switchboard.Bench.Knowledge.Ingest;

/// <summary>
/// Writes synthetic two-page PDFs for the ingestion benchmark: a heading and ~45 lines of ~10 words per page, words
/// drawn from a Zipf-like vocabulary so the index sees a realistic term distribution. Deterministic for a seed.
/// </summary>
internal static class DocumentGenerator
{
    private const int LinesPerPage = 45;
    private const int WordsPerLine = 10;

    public static void Generate(string directory, int count, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var vocabulary = Vocabulary(5000, random);
        for (var i = 0; i < count; i++)
        {
            var builder = new PdfDocumentBuilder();
            var font = builder.AddStandard14Font(Standard14Font.Helvetica);
            for (var pageNumber = 1; pageNumber <= 2; pageNumber++)
            {
                var page = builder.AddPage(PageSize.A4);
                page.AddText($"Report {i} section {pageNumber}", 16, new PdfPoint(40, 800), font);
                for (var line = 0; line < LinesPerPage; line++)
                {
                    var words = Enumerable.Range(0, WordsPerLine).Select(_ => vocabulary[Zipf(random, vocabulary.Length)]);
                    page.AddText(string.Join(' ', words) + ".", 10, new PdfPoint(40, 770 - (line * 16)), font);
                }
            }

            File.WriteAllBytes(Path.Combine(directory, $"report-{i:D6}.pdf"), builder.Build());
        }
    }

    private static string[] Vocabulary(int size, Random random)
    {
        const string Letters = "abcdefghijklmnopqrstuvwxyz";
        return [.. Enumerable.Range(0, size).Select(_ => new string([.. Enumerable.Range(0, random.Next(3, 11)).Select(_ => Letters[random.Next(Letters.Length)])]))];
    }

    /// <summary>An index with probability ~1/(rank+1): frequent words are frequent.</summary>
    private static int Zipf(Random random, int size) => Math.Min(size - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(size + 1)) - 1));
}
