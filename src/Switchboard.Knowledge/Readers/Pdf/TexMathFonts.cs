using UglyToad.PdfPig.Content;

namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// TeX's math fonts (Computer Modern CMMI, CMSY, CMEX) are often embedded without a ToUnicode map, and PdfPig then
/// reports the raw character code: "2" for ∈, "!" for →, ";" for a comma. This class spells such letters out through
/// the fonts' fixed layouts (<see cref="TexMathTables"/>, glyph names mapped as in the Adobe Glyph List). A font is
/// treated as raw-coded only on evidence, gathered across the document: it drew more control characters and
/// characters its layout does not have (a digit in CMSY or CMEX, a semicolon in CMMI) than characters beyond ASCII,
/// which come from a working ToUnicode map (PdfPig does decode a few codes of such fonts; those are kept). One instance per document; not thread-safe.
/// </summary>
internal sealed class TexMathFonts
{
    private readonly Dictionary<string, FontState> _fonts = new(StringComparer.Ordinal);

    /// <summary>Looks at a page's letters before they are read, to learn which fonts are raw-coded.</summary>
    public void Observe(IReadOnlyList<Letter> letters)
    {
        foreach (var letter in letters)
        {
            var state = State(letter.FontName);
            if (state is null || letter.Value.Length != 1)
            {
                continue;
            }

            var c = letter.Value[0];
            if (c >= 0x80)
            {
                state.Proper++;
            }
            else if (c < 0x20 || state.Table.IsForeign(c))
            {
                state.Raw++;
            }
        }
    }

    /// <summary>The letter's text: spelled out when its font is raw-coded TeX math, else as PdfPig gave it.</summary>
    public string Text(Letter letter)
    {
        var value = letter.Value;
        if (value.Length != 1 || value[0] >= 0x80 || State(letter.FontName) is not { } state || state.Raw <= state.Proper)
        {
            return value;
        }

        return state.Table.Map(value[0]) ?? value;
    }

    private FontState? State(string? fontName)
    {
        if (string.IsNullOrEmpty(fontName))
        {
            return null;
        }

        if (_fonts.TryGetValue(fontName, out var state))
        {
            return state;
        }

        var plus = fontName.IndexOf('+', StringComparison.Ordinal);
        var baseName = plus >= 0 ? fontName.AsSpan(plus + 1) : fontName.AsSpan();
        var table = baseName.StartsWith("CMSY") || baseName.StartsWith("CMBSY") ? TexMathTables.Symbols
            : baseName.StartsWith("CMMI") ? TexMathTables.MathItalic
            : baseName.StartsWith("CMEX") ? TexMathTables.Extension
            : null;
        state = table is null ? null : new FontState(table);
        _fonts[fontName] = state!;
        return state;
    }

    /// <summary>What the document showed of one font so far.</summary>
    private sealed class FontState(TexMathTables table)
    {
        public TexMathTables Table { get; } = table;

        public int Raw { get; set; }

        public int Proper { get; set; }
    }
}
