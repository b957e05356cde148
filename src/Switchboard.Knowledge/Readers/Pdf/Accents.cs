namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// TeX without T1 fonts, and some other producers, draw an accented letter as two glyphs: the letter and a spacing
/// accent placed over it ("¨" + "U"). This maps such an accent to its combining mark, so that the reader can write
/// "U" + U+0308 and normalise the line to "Ü".
/// </summary>
internal static class Accents
{
    /// <summary>The combining mark for a spacing accent, or '\0'.</summary>
    public static char Combining(char accent) => accent switch
    {
        '~' or '˜' => '\u0303',
        '¨' => '\u0308',
        '´' => '\u0301',
        '`' => '\u0300',
        '^' or 'ˆ' => '\u0302',
        '¯' => '\u0304',
        'ˇ' => '\u030C',
        '˘' => '\u0306',
        '˙' => '\u0307',
        '˚' => '\u030A',
        '¸' => '\u0327',
        _ => '\0',
    };
}
