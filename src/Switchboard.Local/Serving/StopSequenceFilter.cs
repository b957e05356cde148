namespace Switchboard.Local.Serving;

/// <summary>
/// Holds back generated text that might be the start of a stop sequence, so a stop text never reaches
/// the client even when it arrives split across tokens. One per sequence; not thread-safe.
/// </summary>
internal sealed class StopSequenceFilter(IReadOnlyList<string> stops)
{
    private string _pending = "";

    /// <summary>Adds text; returns what can be released now, and whether a stop sequence was reached.</summary>
    public (string Release, bool Stopped) Push(string text)
    {
        if (stops.Count == 0)
        {
            return (text, false);
        }

        _pending += text;
        foreach (var stop in stops)
        {
            var at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                var before = _pending[..at];
                _pending = "";
                return (before, true);
            }
        }

        // Keep the longest tail that is a prefix of some stop sequence.
        var keep = 0;
        foreach (var stop in stops)
        {
            for (var length = Math.Min(stop.Length - 1, _pending.Length); length > keep; length--)
            {
                if (_pending.AsSpan(_pending.Length - length).SequenceEqual(stop.AsSpan(0, length)))
                {
                    keep = length;
                    break;
                }
            }
        }

        var release = _pending[..^keep];
        _pending = _pending[^keep..];
        return (release, false);
    }

    /// <summary>What is still held at the end.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = "";
        return rest;
    }
}
