using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// Turns XLSX cells into text: shared strings looked up, booleans as TRUE/FALSE, formulas by their cached result,
/// numbers in short invariant form, and numbers in a date format (built-in 14–22, 45–47, or a custom format with day,
/// month or year codes) as ISO dates. Built once per workbook.
/// </summary>
internal sealed class SheetCells
{
    private readonly string[] _sharedStrings;
    private readonly HashSet<uint> _dateStyles = [];

    public SheetCells(WorkbookPart workbook)
    {
        _sharedStrings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>()
            .Select(ItemText)
            .ToArray() ?? [];
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var customDates = new HashSet<uint>();
        foreach (var format in stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            if (format.NumberFormatId?.Value is { } id && IsDateFormat(format.FormatCode?.Value))
            {
                customDates.Add(id);
            }
        }

        uint index = 0;
        foreach (var cellFormat in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = cellFormat.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47 || customDates.Contains(id))
            {
                _dateStyles.Add(index);
            }

            index++;
        }
    }

    public string Text(Cell cell)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < _sharedStrings.Length ? _sharedStrings[i] : "";
        }

        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? ItemText(inline) : raw ?? "";
        }

        if (type == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        if (raw is null || (type is not null && type != CellValues.Number))
        {
            return raw ?? "";
        }

        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return raw;
        }

        if (cell.StyleIndex?.Value is { } style && _dateStyles.Contains(style) && number is > 0 and < 2958466)
        {
            var date = DateTime.FromOADate(number);
            return date.TimeOfDay == TimeSpan.Zero
                ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }

        return number.ToString("G15", CultureInfo.InvariantCulture);
    }

    /// <summary>The text of a shared or inline string: its plain text or its rich-text runs, without phonetic hints.</summary>
    private static string ItemText(DocumentFormat.OpenXml.OpenXmlCompositeElement item) =>
        item.GetFirstChild<Text>()?.Text ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

    private static bool IsDateFormat(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return false;
        }

        // Quoted literals and [colour]/[locale] sections are not date codes.
        var quoted = false;
        var bracket = false;
        foreach (var c in code)
        {
            quoted ^= c == '"';
            bracket = c == '[' || (bracket && c != ']');
            if (!quoted && !bracket && char.ToLowerInvariant(c) is 'd' or 'y' or 'm')
            {
                return !code.Contains('0', StringComparison.Ordinal) || code.Contains("yy", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }
}
