using System.Globalization;
using System.Text;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// CSV and TSV: encoding detected like plain text, delimiter sniffed (<see cref="CsvDelimiter"/>), records split by <see cref="CsvRecords"/>, the first row taken
/// as the header. Rows become Table blocks of <see cref="RowsPerBlock"/> rows, each repeating the header, so a large
/// file is searchable in pieces that still say what each column is. Stateless and thread-safe.
/// </summary>
internal sealed class CsvReader : IDocumentReader
{
    /// <summary>Data rows per Table block.</summary>
    public const int RowsPerBlock = 50;

    public IReadOnlyCollection<string> Extensions { get; } = [".csv", ".tsv"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        var decoded = TextDecoder.Decode(StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken));
        var delimiter = fileName.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : CsvDelimiter.Sniff(decoded.Text);
        var builder = new DocumentBuilder(limits);
        builder.SetMetadata("encoding", decoded.EncodingName);
        builder.SetMetadata("delimiter", delimiter == '\t' ? "tab" : delimiter.ToString());

        string[]? header = null;
        var group = new List<IReadOnlyList<string>>(RowsPerBlock + 1);
        var rows = 0;
        foreach (var record in CsvRecords.Read(decoded.Text, delimiter))
        {
            if (builder.IsFull)
            {
                break;
            }

            if (Array.TrueForAll(record, string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (header is null)
            {
                header = record;
                continue;
            }

            rows++;
            group.Add(record);
            if (group.Count == RowsPerBlock)
            {
                AddTable(builder, header, group);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        if (header is not null && (group.Count > 0 || rows == 0))
        {
            AddTable(builder, header, group);
        }

        builder.SetMetadata("rows", rows.ToString(CultureInfo.InvariantCulture));
        return builder.Build(fileName);
    }

    private static void AddTable(DocumentBuilder builder, string[] header, List<IReadOnlyList<string>> rows)
    {
        rows.Insert(0, header);
        var text = new StringBuilder();
        TableText.Append(text, rows);
        builder.Add(BlockKind.Table, text.ToString());
        rows.Clear();
    }
}
