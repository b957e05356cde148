using System.Text;

namespace Switchboard.Knowledge.Readers.Web;

/// <summary>
/// Accumulates inline HTML text with HTML's whitespace rule: runs of whitespace become one space, except the line
/// breaks that <c>&lt;br&gt;</c> asks for. Not thread-safe.
/// </summary>
internal sealed class InlineText
{
    private readonly StringBuilder _text = new();
    private bool _pendingSpace;

    public bool IsEmpty => _text.Length == 0;

    public void Append(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                _pendingSpace = _text.Length > 0;
                continue;
            }

            if (_pendingSpace && _text[^1] != '\n')
            {
                _text.Append(' ');
            }

            _pendingSpace = false;
            _text.Append(c);
        }
    }

    /// <summary>A word boundary that adds no space of its own when one is already due (between cells, around blocks).</summary>
    public void Space() => _pendingSpace = _text.Length > 0;

    public void LineBreak()
    {
        if (_text.Length > 0)
        {
            _text.Append('\n');
        }

        _pendingSpace = false;
    }

    /// <summary>The text so far, then empties the buffer.</summary>
    public string Take()
    {
        var text = _text.ToString().Trim();
        _text.Clear();
        _pendingSpace = false;
        return text;
    }
}
