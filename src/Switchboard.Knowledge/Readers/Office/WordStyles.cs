using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// What a DOCX paragraph style means for structure: a heading level (styles named "heading N" or "Title", or with an
/// outline level, also inherited through <c>basedOn</c>) or a list (numbering in the style, or "List" in its name).
/// Built once per document from the styles part.
/// </summary>
internal sealed class WordStyles
{
    private readonly Dictionary<string, Style> _styles = new(StringComparer.OrdinalIgnoreCase);

    private WordStyles(MainDocumentPart main)
    {
        var styles = main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [];
        foreach (var style in styles)
        {
            if (style.StyleId?.Value is { } id && style.Type?.Value == StyleValues.Paragraph)
            {
                _styles[id] = style;
            }
        }
    }

    public static WordStyles Load(MainDocumentPart main) => new(main);

    /// <summary>1–6 for a heading style, 0 otherwise.</summary>
    public int HeadingLevel(string? styleId)
    {
        if (styleId is null)
        {
            return 0;
        }

        var name = _styles.TryGetValue(styleId, out var style) ? style.StyleName?.Val?.Value ?? styleId : styleId;
        if (string.Equals(name, "Title", StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        var compact = name.Replace(" ", "", StringComparison.Ordinal);
        if (compact.StartsWith("heading", StringComparison.OrdinalIgnoreCase) && int.TryParse(compact.AsSpan(7), out var level) && level >= 1)
        {
            return Math.Min(level, 6);
        }

        for (var depth = 0; style is not null && depth < 10; depth++)
        {
            if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is { } outline && outline < 9)
            {
                return Math.Min(outline + 1, 6);
            }

            style = style.BasedOn?.Val?.Value is { } parent && _styles.TryGetValue(parent, out var next) ? next : null;
        }

        return 0;
    }

    public bool IsList(string? styleId)
    {
        if (styleId is null)
        {
            return false;
        }

        if (!_styles.TryGetValue(styleId, out var style))
        {
            return styleId.Contains("List", StringComparison.OrdinalIgnoreCase);
        }

        return style.StyleParagraphProperties?.NumberingProperties is not null
            || (style.StyleName?.Val?.Value ?? styleId).Contains("List", StringComparison.OrdinalIgnoreCase);
    }
}
