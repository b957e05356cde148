using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// Cuts a document's blocks into <see cref="ChunkUnit"/>s of at most the chunk size, keeping track of the heading
/// path. A block that fits is one unit. A longer text block is cut at sentence ends and line breaks, a longer sentence
/// at spaces, a longer word into slices of as many characters as a piece may have tokens (no character costs more
/// than one); the pieces are then packed back together greedily, leaving room for the overlap. A table that does not fit is cut between rows, every part after the first repeating the
/// header row (and the <c>| --- |</c> line under it) — unless the header alone is over half the chunk size, when the
/// table is cut like text.
/// </summary>
internal static class UnitSplitter
{
    /// <summary>
    /// Units of at most <paramref name="maxTokens"/>; text blocks that must be cut are cut into pieces of at most
    /// <paramref name="pieceTokens"/>, so that the overlap still fits in front of each.
    /// </summary>
    public static List<ChunkUnit> Split(ParsedDocument document, int maxTokens, int pieceTokens)
    {
        var text = document.FullText;
        var units = new List<ChunkUnit>(document.Blocks.Count);
        var headings = new List<(int Level, string Text)>();
        string[] path = [];
        var offset = 0;
        foreach (var block in document.Blocks)
        {
            var start = offset;
            var end = offset + block.Text.Length;
            offset = end + ParsedDocument.BlockSeparator.Length;
            if (block.Kind == BlockKind.Heading)
            {
                var level = Math.Max(1, block.HeadingLevel);
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, block.Text.Trim()));
                path = headings.Select(h => h.Text).ToArray();
            }

            var template = new ChunkUnit(0, 0, 0, block.Kind, block.Page, path, headings.Count == 0 ? 0 : headings[^1].Level);
            if (block.Kind == BlockKind.Table)
            {
                AddTable(units, text, start, end, maxTokens, pieceTokens, template);
            }
            else
            {
                AddText(units, text, start, end, maxTokens, pieceTokens, template);
            }
        }

        return units;
    }

    private static void AddText(List<ChunkUnit> units, string text, int start, int end, int maxTokens, int pieceTokens, ChunkUnit template)
    {
        var tokens = TokenEstimator.Count(text.AsSpan(start, end - start));
        if (tokens <= maxTokens)
        {
            if (Trim(text, ref start, ref end))
            {
                units.Add(template with { Start = start, End = end, Tokens = tokens });
            }

            return;
        }

        var pieces = new List<(int Start, int End, int Tokens)>();
        foreach (var sentence in TextBoundaries.Sentences(text, start, end))
        {
            AddPieces(pieces, text, sentence.Start, sentence.End, pieceTokens);
        }

        var groupStart = -1;
        int groupEnd = 0, groupTokens = 0;
        foreach (var piece in pieces)
        {
            if (groupStart >= 0 && groupTokens + piece.Tokens > pieceTokens)
            {
                units.Add(template with { Start = groupStart, End = groupEnd, Tokens = groupTokens });
                groupStart = -1;
            }

            if (groupStart < 0)
            {
                groupStart = piece.Start;
                groupTokens = 0;
            }

            groupEnd = piece.End;
            groupTokens += piece.Tokens;
        }

        if (groupStart >= 0)
        {
            units.Add(template with { Start = groupStart, End = groupEnd, Tokens = groupTokens });
        }
    }

    /// <summary>A sentence as one piece, or its words, or slices of a word too long on its own.</summary>
    private static void AddPieces(List<(int, int, int)> pieces, string text, int start, int end, int limit)
    {
        var tokens = TokenEstimator.Count(text.AsSpan(start, end - start));
        if (tokens <= limit)
        {
            pieces.Add((start, end, tokens));
            return;
        }

        foreach (var (wordStart, wordEnd) in TextBoundaries.Words(text, start, end))
        {
            var wordTokens = TokenEstimator.Count(text.AsSpan(wordStart, wordEnd - wordStart));
            if (wordTokens <= limit)
            {
                pieces.Add((wordStart, wordEnd, wordTokens));
                continue;
            }

            // No character costs more than one token, so slices of limit characters always fit.
            for (var sliceStart = wordStart; sliceStart < wordEnd;)
            {
                var sliceEnd = Math.Min(wordEnd, sliceStart + Math.Max(1, limit));
                if (sliceEnd < wordEnd && char.IsHighSurrogate(text[sliceEnd - 1]) && sliceEnd - 1 > sliceStart)
                {
                    sliceEnd--;
                }

                pieces.Add((sliceStart, sliceEnd, TokenEstimator.Count(text.AsSpan(sliceStart, sliceEnd - sliceStart))));
                sliceStart = sliceEnd;
            }
        }
    }

    private static void AddTable(List<ChunkUnit> units, string text, int start, int end, int maxTokens, int pieceTokens, ChunkUnit template)
    {
        var tokens = TokenEstimator.Count(text.AsSpan(start, end - start));
        var lines = Lines(text, start, end);
        if (lines.Count == 0)
        {
            return;
        }

        var headerLines = lines.Count > 1 && IsSeparator(text, lines[1]) ? 2 : 1;
        var headerEnd = lines[headerLines - 1].End;
        var headerTokens = TokenEstimator.Count(text.AsSpan(start, headerEnd - start));
        if (tokens <= maxTokens || lines.Count <= headerLines || headerTokens > maxTokens / 2)
        {
            AddText(units, text, start, end, maxTokens, pieceTokens, template);
            return;
        }

        var header = text[lines[0].Start..headerEnd];
        var first = true;
        int partStart = start, partEnd = headerEnd, partTokens = headerTokens, rows = 0;
        foreach (var row in lines.Skip(headerLines))
        {
            var rowTokens = TokenEstimator.Count(text.AsSpan(row.Start, row.End - row.Start));
            if (headerTokens + rowTokens > maxTokens)
            {
                // A row too long even for a part of its own is cut like text, without the header.
                if (rows > 0 || first)
                {
                    EmitPart();
                }

                AddText(units, text, row.Start, row.End, maxTokens, pieceTokens, template);
                continue;
            }

            if (rows > 0 && partTokens + rowTokens > maxTokens)
            {
                EmitPart();
            }

            if (partStart < 0)
            {
                partStart = row.Start;
                partTokens = headerTokens;
            }

            partEnd = row.End;
            partTokens += rowTokens;
            rows++;
        }

        if (rows > 0)
        {
            EmitPart();
        }

        void EmitPart()
        {
            units.Add(template with { Start = partStart, End = partEnd, Tokens = partTokens, Prefix = first ? null : header });
            first = false;
            rows = 0;
            partStart = -1;
        }
    }

    private static List<(int Start, int End)> Lines(string text, int start, int end)
    {
        var lines = new List<(int, int)>();
        var lineStart = start;
        for (var i = start; i <= end; i++)
        {
            if (i == end || text[i] == '\n')
            {
                var s = lineStart;
                var e = i;
                if (Trim(text, ref s, ref e))
                {
                    lines.Add((s, e));
                }

                lineStart = i + 1;
            }
        }

        return lines;
    }

    private static bool IsSeparator(string text, (int Start, int End) line) =>
        Readers.TableText.IsSeparatorLine(text.AsSpan(line.Start, line.End - line.Start));

    private static bool Trim(string text, ref int start, ref int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > start;
    }
}
