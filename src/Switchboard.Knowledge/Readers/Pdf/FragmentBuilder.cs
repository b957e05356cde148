using System.Text;
using UglyToad.PdfPig.Content;

namespace Switchboard.Knowledge.Readers.Pdf;

/// <summary>
/// Groups a page's letters, in the order the content stream draws them, into <see cref="TextFragment"/>s: a letter
/// joins the current fragment when it sits on the same baseline (within 0.2 em) and starts at most 1 em after it
/// (and not more than 0.5 em before). A gap over 0.15 em — or a drawn space — becomes a space, since many PDFs draw
/// no space glyphs at all (dots of an ellipsis or leader stay together up to 0.25 em). Letters drawn twice at the same
/// spot (fake bold) count once; ligature glyphs are spelled out; raw-coded TeX math fonts are decoded
/// (<see cref="TexMathFonts"/>); a spacing accent drawn over a letter is combined with it ("¨" + "U" is "Ü"). Text
/// that is not horizontal is kept apart, in drawing order. One instance per page; not thread-safe.
/// </summary>
internal sealed class FragmentBuilder(StringBuilder text, List<TextFragment> fragments, List<string> otherText, TexMathFonts mathFonts)
{
    private const double SameBaseline = 0.2;
    private const double MaxJoinGap = 1.0;
    private const double MaxBackStep = 0.5;
    private const double WordGap = 0.15;
    private const double DotGap = 0.25;

    private readonly StringBuilder _other = new();
    private TextFragment _current;
    private bool _open;
    private bool _spaceSeen;
    private Glyph _last;
    private Glyph? _accent;

    public void Add(IReadOnlyList<Letter> letters)
    {
        mathFonts.Observe(letters);
        foreach (var letter in letters)
        {
            var value = mathFonts.Text(letter);
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                _spaceSeen = true;
                continue;
            }

            if (letter.TextOrientation != TextOrientation.Horizontal)
            {
                AddOther(value);
                continue;
            }

            AddHorizontal(Glyph.Of(letter, value));
        }

        FlushAccent();
        Close();
        if (_other.Length > 0)
        {
            otherText.Add(_other.ToString());
            _other.Clear();
        }
    }

    private void AddHorizontal(Glyph glyph)
    {
        var mark = glyph.Value.Length == 1 ? Accents.Combining(glyph.Value[0]) : '\0';
        if (mark != '\0')
        {
            if (_open && _last.Covers(glyph.Center))
            {
                // Drawn after the letter it sits on.
                CombineLast(mark);
                return;
            }

            FlushAccent();
            _accent = glyph;
            return;
        }

        if (_accent is { } accent)
        {
            _accent = null;
            if (glyph.Covers(accent.Center) && glyph.Value.Length == 1 && char.IsLetter(glyph.Value[0]))
            {
                glyph = glyph with { Value = (glyph.Value + Accents.Combining(accent.Value[0])).Normalize() };
            }
            else
            {
                Place(accent);
            }
        }

        Place(glyph);
    }

    private void Place(Glyph glyph)
    {
        if (_open)
        {
            var unit = Math.Min(glyph.Size, _current.Size);
            if (glyph.Value == _last.Value && Math.Abs(glyph.X0 - _last.X0) < 0.1 * unit && Math.Abs(glyph.Y - _current.Baseline) < 0.1 * unit)
            {
                return;
            }

            var gap = glyph.X0 - _current.Right;
            if (Math.Abs(glyph.Y - _current.Baseline) <= SameBaseline * unit && gap > -MaxBackStep * unit && gap < MaxJoinGap * Math.Max(glyph.Size, _current.Size))
            {
                var dots = glyph.Value == "." && _last.Value == "." && gap < DotGap * unit;
                if (_spaceSeen || (gap > WordGap * unit && !dots))
                {
                    text.Append(' ');
                }

                Append(glyph.Value);
                _current.Right = Math.Max(_current.Right, glyph.X1);
                _current.SizeSum += glyph.Size;
                _current.Letters++;
                Remember(glyph);
                return;
            }

            Close();
        }

        _current = new TextFragment { Start = text.Length, Left = glyph.X0, Right = glyph.X1, Baseline = glyph.Y, SizeSum = glyph.Size, Letters = 1 };
        _open = true;
        Append(glyph.Value);
        Remember(glyph);
    }

    private void FlushAccent()
    {
        if (_accent is { } accent)
        {
            _accent = null;
            Place(accent);
        }
    }

    private void CombineLast(char mark)
    {
        if (text.Length <= _current.Start)
        {
            return;
        }

        var combined = string.Concat(text[^1], mark).Normalize();
        text.Length--;
        text.Append(combined);
    }

    private void Remember(Glyph glyph)
    {
        _last = glyph;
        _spaceSeen = false;
    }

    private void Close()
    {
        if (_open)
        {
            _current.Length = text.Length - _current.Start;
            fragments.Add(_current);
            _open = false;
        }
    }

    private void AddOther(string value)
    {
        if (_spaceSeen && _other.Length > 0)
        {
            _other.Append(' ');
        }

        _spaceSeen = false;
        _other.Append(value);
    }

    private void Append(string value)
    {
        if (value.Length == 1 && value[0] is >= '\uFB00' and <= '\uFB06')
        {
            text.Append(value[0] switch
            {
                '\uFB00' => "ff",
                '\uFB01' => "fi",
                '\uFB02' => "fl",
                '\uFB03' => "ffi",
                '\uFB04' => "ffl",
                _ => "st",
            });
            return;
        }

        // TeX draws ≠ as a slash over "=" and ↦ as a stem before "→".
        if (text.Length > _current.Start && ((text[^1] == '\u0338' && value == "=") || (text[^1] == '↦' && value == "→")))
        {
            text[^1] = value == "=" ? '≠' : '↦';
            return;
        }

        foreach (var c in value)
        {
            if (!char.IsControl(c))
            {
                text.Append(c);
            }
        }
    }

    /// <summary>A letter's text and where it stands: start and end on the baseline, the baseline, the font size.</summary>
    private readonly record struct Glyph(string Value, double X0, double X1, double Y, double Size)
    {
        public double Center => (X0 + X1) / 2;

        public bool Covers(double x) => x >= X0 - (0.05 * Size) && x <= X1 + (0.05 * Size);

        public static Glyph Of(Letter letter, string value)
        {
            var size = letter.PointSize;
            if (!(size is > 0.5 and < 1000))
            {
                size = Math.Clamp(letter.BoundingBox.Height, 1, 1000);
            }

            var x0 = letter.StartBaseLine.X;
            var x1 = letter.EndBaseLine.X;
            if (x1 < x0 + 0.01)
            {
                x1 = x0 + Math.Max(letter.Width, letter.BoundingBox.Width);
            }

            return new Glyph(value, x0, x1, letter.StartBaseLine.Y, size);
        }
    }
}
