using System.Globalization;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers;

namespace Switchboard.Bench.Knowledge.Pdf;

/// <summary>Our PDF extraction as the product calls it: the reader registry, default limits, one call per file.</summary>
internal sealed class OurPdfExtractor
{
    private readonly DocumentReaders _readers = new();
    private readonly ReaderLimits _limits = new();

    public ParsedDocument Read(byte[] pdf, string fileName)
    {
        using var stream = new MemoryStream(pdf, writable: false);
        return _readers.Read(stream, fileName, _limits, CancellationToken.None);
    }

    public static int Pages(ParsedDocument document) => int.Parse(document.Metadata["pages"], CultureInfo.InvariantCulture);
}
