using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>Builds small XLSX files with the OpenXml SDK.</summary>
internal static class ExcelFiles
{
    /// <summary>A workbook; cells are strings (shared), doubles, or DateTimes (date-formatted numbers).</summary>
    public static byte[] Workbook(params (string Name, object?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = new List<string>();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            uint id = 1;
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < rows.Length; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < rows[r].Length; c++)
                    {
                        if (rows[r][c] is { } value)
                        {
                            row.Append(Cell(value, $"{(char)('A' + c)}{r + 1}", strings));
                        }
                    }

                    data.Append(row);
                }

                part.Worksheet = new Worksheet(data);
                workbook.Workbook.Sheets!.Append(new Sheet { Name = name, SheetId = id++, Id = workbook.GetIdOfPart(part) });
            }

            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
        }

        return stream.ToArray();
    }

    private static Cell Cell(object value, string reference, List<string> strings) => value switch
    {
        string text => new Cell(new CellValue(Index(strings, text))) { CellReference = reference, DataType = CellValues.SharedString },
        DateTime date => new Cell(new CellValue(date.ToOADate())) { CellReference = reference, StyleIndex = 1 },
        double number => new Cell(new CellValue(number)) { CellReference = reference },
        bool flag => new Cell(new CellValue(flag ? "1" : "0")) { CellReference = reference, DataType = CellValues.Boolean },
        _ => throw new ArgumentException("unsupported cell " + value),
    };

    private static int Index(List<string> strings, string text)
    {
        var index = strings.IndexOf(text);
        if (index < 0)
        {
            strings.Add(text);
            index = strings.Count - 1;
        }

        return index;
    }

}
