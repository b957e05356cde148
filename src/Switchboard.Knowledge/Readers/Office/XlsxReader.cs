using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// Excel workbooks (XLSX) through the OpenXml SDK, after the zip-bomb check (<see cref="OfficePackage"/>). Every
/// visible worksheet becomes a heading with the sheet's name and one Table block whose first non-empty row is the
/// header. Rows are streamed (one row in memory at a time); a sheet is cut after <see cref="MaxRowsPerSheet"/> rows and
/// <see cref="MaxColumns"/> columns, which the <c>truncatedSheets</c> metadata lists. Stateless and thread-safe.
/// </summary>
internal sealed class XlsxReader : IDocumentReader
{
    public const int MaxRowsPerSheet = 10_000;

    public const int MaxColumns = 256;

    public IReadOnlyCollection<string> Extensions { get; } = [".xlsx", ".xlsm"];

    public ParsedDocument Read(Stream content, string fileName, ReaderLimits limits, CancellationToken cancellationToken)
    {
        using var package = OfficePackage.Open(content, limits, "Excel", cancellationToken);
        using var document = SpreadsheetDocument.Open(package, false, new OpenSettings { MaxCharactersInPart = limits.MaxDecompressedBytes });
        var workbook = document.WorkbookPart ?? throw new DocumentReadException("The Excel file has no workbook.");
        var builder = new DocumentBuilder(limits) { Title = document.PackageProperties.Title ?? Path.GetFileNameWithoutExtension(fileName) };
        builder.SetMetadata("author", document.PackageProperties.Creator);
        var cells = new SheetCells(workbook);
        var names = new List<string>();
        var truncated = new List<string>();
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (builder.IsFull)
            {
                break;
            }

            if (sheet.State?.Value is { } state && state != SheetStateValues.Visible
                || sheet.Id?.Value is not { } id
                || workbook.GetPartById(id) is not WorksheetPart part)
            {
                continue;
            }

            var name = sheet.Name?.Value ?? "Sheet";
            names.Add(name);
            var rows = ReadRows(part, cells, out var cut, cancellationToken);
            if (cut)
            {
                truncated.Add(name);
            }

            builder.Add(BlockKind.Heading, name, 1);
            builder.Add(BlockKind.Table, TableText.Render(rows));
        }

        builder.SetMetadata("sheets", string.Join(", ", names));
        builder.SetMetadata("truncatedSheets", string.Join(", ", truncated));
        return builder.Build(fileName);
    }

    private static List<IReadOnlyList<string>> ReadRows(WorksheetPart part, SheetCells cells, out bool cut, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string>>();
        cut = false;
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            if (rows.Count == MaxRowsPerSheet)
            {
                cut = true;
                break;
            }

            var row = ReadRow((Row)reader.LoadCurrentElement()!, cells, ref cut);
            if (row.Count > 0)
            {
                rows.Add(row);
            }

            if (rows.Count % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return rows;
    }

    /// <summary>The row's cells placed by their column letters, trailing empty cells dropped; empty when the row is blank.</summary>
    private static List<string> ReadRow(Row row, SheetCells cells, ref bool cut)
    {
        var values = new List<string>();
        var next = 0;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value) ?? next;
            next = column + 1;
            if (column >= MaxColumns)
            {
                cut = true;
                break;
            }

            var text = cells.Text(cell);
            if (text.Length == 0)
            {
                continue;
            }

            while (values.Count < column)
            {
                values.Add("");
            }

            values.Add(text);
        }

        return values;
    }

    /// <summary>0-based column of a reference such as "AB12".</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = checked(column * 26 + (char.ToUpperInvariant(c) - 'A' + 1));
            letters++;
            if (letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : column - 1;
    }
}
