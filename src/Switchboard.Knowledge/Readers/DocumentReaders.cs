using System.Collections.Frozen;
using System.Text;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers.Mail;
using Switchboard.Knowledge.Readers.Office;
using Switchboard.Knowledge.Readers.Pdf;
using Switchboard.Knowledge.Readers.PlainText;
using Switchboard.Knowledge.Readers.Web;

namespace Switchboard.Knowledge.Readers;

/// <summary>
/// All document readers behind one call. The reader is picked by the file's extension, or — when the extension is
/// unknown or missing — by the file's first bytes (<see cref="FileTypeSniffer"/>). Every failure reaches the caller as
/// a <see cref="DocumentReadException"/> whose message is meant for the person who uploaded the file: unsupported
/// type, empty file, file over the size limit, no text, or whatever a parsing library threw, reworded as "looks
/// corrupt". Cancellation still surfaces as <see cref="OperationCanceledException"/>. Stateless and thread-safe;
/// create once.
/// </summary>
internal sealed class DocumentReaders
{
    /// <summary>How deep e-mails attached to e-mails are read.</summary>
    private const int MaxMailNesting = 3;

    private readonly FrozenDictionary<string, IDocumentReader> _byExtension;

    // Windows-1251, KOI8-R and the other legacy code pages ship with .NET but stay unknown until this provider is
    // registered; AngleSharp (HTML charsets) and the MIME reader look them up by name.
    static DocumentReaders() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public DocumentReaders()
        : this(MaxMailNesting)
    {
    }

    private DocumentReaders(int mailNesting)
    {
        List<IDocumentReader> readers =
        [
            new PdfReader(), new DocxReader(), new XlsxReader(), new PptxReader(), new HtmlReader(), new MarkdownReader(),
            new TxtReader(), new CsvReader(), new JsonReader(),
        ];
        if (mailNesting > 0)
        {
            readers.Add(new EmlReader(new DocumentReaders(mailNesting - 1)));
        }

        _byExtension = readers
            .SelectMany(reader => reader.Extensions.Select(extension => KeyValuePair.Create(extension, reader)))
            .ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        SupportedExtensions = _byExtension.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Lower-case extensions with the dot, sorted.</summary>
    public IReadOnlyCollection<string> SupportedExtensions { get; }

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(limits);
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken);
        using var file = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        if (file.Length == 0)
        {
            throw new DocumentReadException($"The file '{Path.GetFileName(fileName)}' is empty.");
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!_byExtension.TryGetValue(extension, out var reader)
            && !(FileTypeSniffer.Sniff(file) is { } sniffed && _byExtension.TryGetValue(sniffed, out reader)))
        {
            throw new DocumentReadException(
                $"Unsupported file type '{(extension.Length > 0 ? extension : Path.GetFileName(fileName))}'; supported: {string.Join(", ", SupportedExtensions)}.");
        }

        ParsedDocument document;
        try
        {
            document = reader.Read(file, fileName, limits, cancellationToken);
        }
        catch (Exception ex) when (ex is not (DocumentReadException or OperationCanceledException or OutOfMemoryException))
        {
            throw new DocumentReadException($"The file '{Path.GetFileName(fileName)}' looks corrupt and could not be read: {Reason(ex)}", ex);
        }

        if (document.Blocks.Count == 0)
        {
            throw new DocumentReadException(reader is PdfReader
                ? "The PDF contains no text layer (scanned pages would need OCR, which is not supported)."
                : $"The file '{Path.GetFileName(fileName)}' contains no text.");
        }

        return document;
    }

    /// <summary>The library's message, first line only and capped, so no stack trace or dump reaches a person.</summary>
    private static string Reason(Exception ex)
    {
        var message = (ex.Message ?? ex.GetType().Name).Split('\n', 2)[0].Trim();
        return message.Length <= 200 ? message : message[..200] + "…";
    }
}
