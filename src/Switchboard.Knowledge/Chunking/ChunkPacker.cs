using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// Packs units into chunks of at most the chunk size and cuts the overlap: when a chunk ends because it is full and
/// the next unit is in the same section, the next chunk starts with the end of this one — about the overlap size,
/// from the earliest sentence start that fits (if that gives at least half the overlap), else from the earliest word
/// that fits. The overlap is taken only from trailing prose (paragraphs, list items, code), never from a table or a
/// heading, and dropped when it would not leave room for the next unit. One instance per document; not thread-safe.
/// </summary>
internal sealed class ChunkPacker(ParsedDocument document, int maxTokens, int overlapTokens)
{
    private readonly string _text = document.FullText;
    private readonly List<DocumentChunk> _chunks = [];
    private readonly List<ChunkUnit> _units = [];
    private int _tokens;
    private Overlap? _carried;
    private Overlap? _overlap;

    public IReadOnlyList<DocumentChunk> Chunks => _chunks;

    public bool HasContent => _units.Count > 0;

    /// <summary>True when <paramref name="tokens"/> more fit into the chunk being packed.</summary>
    public bool Fits(int tokens) => _tokens + tokens <= maxTokens;

    public void Add(ChunkUnit unit)
    {
        if (_units.Count > 0 && (unit.Prefix is not null || _tokens + unit.Tokens > maxTokens))
        {
            var sameSection = ReferenceEquals(unit.SectionPath, _units[^1].SectionPath) && unit.Kind != BlockKind.Heading;
            Flush(carryOverlap: sameSection && unit.Prefix is null);
        }

        if (_units.Count == 0)
        {
            _overlap = _carried is { } carried && carried.Tokens + unit.Tokens <= maxTokens ? carried : null;
            _carried = null;
            _tokens = _overlap?.Tokens ?? 0;
        }

        _units.Add(unit);
        _tokens += unit.Tokens;
    }

    public void Flush(bool carryOverlap)
    {
        if (_units.Count == 0)
        {
            _carried = null;
            return;
        }

        var first = _units[0];
        var start = _overlap?.Start ?? first.Start;
        var end = _units[^1].End;
        var body = _text[start..end];
        var text = first.Prefix is null ? body : first.Prefix + "\n" + body;
        int? pageStart = _overlap?.PageStart, pageEnd = _overlap?.PageEnd;
        foreach (var unit in _units)
        {
            pageStart = Min(pageStart, unit.Page);
            pageEnd = Max(pageEnd, unit.Page);
        }

        _chunks.Add(new DocumentChunk(_chunks.Count, text, first.SectionPath, pageStart, pageEnd, start, end, TokenEstimator.Count(text)));
        _carried = carryOverlap && overlapTokens > 0 ? TrailingOverlap() : null;
        _units.Clear();
        _tokens = 0;
        _overlap = null;
    }

    private Overlap? TrailingOverlap()
    {
        var firstProse = _units.Count;
        while (firstProse > 0 && _units[firstProse - 1].Kind is BlockKind.Paragraph or BlockKind.ListItem or BlockKind.Code && _units[firstProse - 1].Prefix is null)
        {
            firstProse--;
        }

        if (firstProse == _units.Count)
        {
            return null;
        }

        var end = _units[^1].End;
        var words = TextBoundaries.Words(_text, _units[firstProse].Start, end);
        int tokens = 0, wordStart = -1, sentenceStart = -1, sentenceTokens = 0;
        for (var i = words.Count - 1; i >= 0; i--)
        {
            tokens += TokenEstimator.Count(_text.AsSpan(words[i].Start, words[i].End - words[i].Start));
            if (tokens > overlapTokens)
            {
                break;
            }

            wordStart = words[i].Start;
            if (TextBoundaries.IsSentenceStart(_text, wordStart))
            {
                sentenceStart = wordStart;
                sentenceTokens = tokens;
            }
        }

        var start = sentenceStart >= 0 && sentenceTokens * 2 >= overlapTokens ? sentenceStart : wordStart;
        if (start < 0)
        {
            return null;
        }

        int? pageStart = null, pageEnd = null;
        foreach (var unit in _units)
        {
            if (unit.End > start)
            {
                pageStart = Min(pageStart, unit.Page);
                pageEnd = Max(pageEnd, unit.Page);
            }
        }

        return new Overlap(start, TokenEstimator.Count(_text.AsSpan(start, end - start)), pageStart, pageEnd);
    }

    private static int? Min(int? a, int? b) => a is null ? b : b is null ? a : Math.Min(a.Value, b.Value);

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>The tail of the previous chunk that the next one starts with.</summary>
    private readonly record struct Overlap(int Start, int Tokens, int? PageStart, int? PageEnd);
}
