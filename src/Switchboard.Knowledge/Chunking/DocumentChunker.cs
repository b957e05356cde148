using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Chunking;

/// <summary>
/// Splits a <see cref="ParsedDocument"/> into retrievable chunks that follow its structure. Headings open sections
/// (a chunk's <see cref="DocumentChunk.SectionPath"/> is the heading stack where its own text starts); a heading of
/// the same or a higher level than the current section always starts a new chunk, a subsection's heading only when it
/// would not fit together with the headings and the first unit of text after it. Paragraphs and list items are packed up to
/// <see cref="ChunkingOptions.MaxTokens"/> (estimated, <see cref="TokenEstimator"/>), long ones cut at sentences,
/// then words (<see cref="UnitSplitter"/>); a table stays whole when it fits, else its rows are split with the header
/// repeated. Chunks in one section overlap by about <see cref="ChunkingOptions.OverlapTokens"/> (at most half the
/// chunk size; <see cref="ChunkPacker"/>). Every chunk's <see cref="DocumentChunk.Tokens"/> is at most MaxTokens.
/// Linear in the document's length. Stateless and thread-safe.
/// </summary>
internal static class DocumentChunker
{
    public static IReadOnlyList<DocumentChunk> Chunk(ParsedDocument document, ChunkingOptions options)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxTokens, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.OverlapTokens);
        var overlap = Math.Min(options.OverlapTokens, options.MaxTokens / 2);
        var units = UnitSplitter.Split(document, options.MaxTokens, options.MaxTokens - overlap);
        var packer = new ChunkPacker(document, options.MaxTokens, overlap);
        var sectionLevel = 0;
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var opensSection = unit.Kind == BlockKind.Heading && (i == 0 || !ReferenceEquals(units[i - 1].SectionPath, unit.SectionPath));
            if (opensSection && packer.HasContent)
            {
                if (unit.SectionLevel <= sectionLevel || !packer.Fits(HeadingRun(units, i)))
                {
                    packer.Flush(carryOverlap: false);
                }
            }

            packer.Add(unit);
            sectionLevel = unit.SectionLevel;
        }

        packer.Flush(carryOverlap: false);
        return packer.Chunks;
    }

    /// <summary>Tokens of the heading at <paramref name="index"/>, the headings right after it, and the first unit of text.</summary>
    private static int HeadingRun(List<ChunkUnit> units, int index)
    {
        var tokens = 0;
        for (var i = index; i < units.Count; i++)
        {
            tokens += units[i].Tokens;
            if (units[i].Kind != BlockKind.Heading)
            {
                break;
            }
        }

        return tokens;
    }
}
