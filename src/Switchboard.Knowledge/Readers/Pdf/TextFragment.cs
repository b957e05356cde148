namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// A run of letters drawn one after another on one baseline without a wide gap: the unit the reading order sorts.
/// Its text is <see cref="Length"/> characters at <see cref="Start"/> of the page's text buffer. The vertical band
/// (<see cref="Bottom"/>–<see cref="Top"/>) is narrower than the glyphs, so that consecutive lines never overlap
/// while sub- and superscripts still overlap the line they belong to.
/// </summary>
internal struct TextFragment
{
    public int Start;
    public int Length;
    public double Left;
    public double Right;
    public double Baseline;
    public double SizeSum;
    public int Letters;

    public readonly double Size => SizeSum / Math.Max(1, Letters);

    public readonly double Bottom => Baseline - (0.2 * Size);

    public readonly double Top => Baseline + (0.7 * Size);
}
