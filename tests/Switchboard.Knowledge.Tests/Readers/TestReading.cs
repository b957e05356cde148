using System.Text;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>Reads test files through the registry, as the product does.</summary>
internal static class TestReading
{
    public static DocumentReaders Readers { get; } = new();

    public static ParsedDocument Read(byte[] bytes, string fileName, ReaderLimits? limits = null)
    {
        using var stream = new MemoryStream(bytes);
        return Readers.Read(stream, fileName, limits ?? new ReaderLimits(), CancellationToken.None);
    }

    public static ParsedDocument Read(string text, string fileName, Encoding? encoding = null) =>
        Read((encoding ?? new UTF8Encoding(false)).GetBytes(text), fileName);

    public static ParsedDocument ReadSample(string pdfSample, ReaderLimits? limits = null) =>
        Read(File.ReadAllBytes(Path.Combine(SharedModels.PdfSamples, pdfSample)), pdfSample, limits);

    /// <summary>The message of the <see cref="DocumentReadException"/> reading must end in.</summary>
    public static string Failure(byte[] bytes, string fileName, ReaderLimits? limits = null) =>
        Assert.Throws<DocumentReadException>(() => Read(bytes, fileName, limits)).Message;

    public static IEnumerable<DocumentBlock> OfKind(this ParsedDocument document, BlockKind kind) =>
        document.Blocks.Where(b => b.Kind == kind);
}
