// PLACEHOLDER until the chunker work is merged.
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Chunking;

internal static class DocumentChunker
{
    public static IReadOnlyList<DocumentChunk> Chunk(ParsedDocument document, ChunkingOptions options)
    {
        var chunks = new List<DocumentChunk>();
        var offset = 0;
        var section = new List<string>();
        foreach (var block in document.Blocks)
        {
            if (block.Kind == BlockKind.Heading)
            {
                section = [block.Text];
            }

            chunks.Add(new DocumentChunk(chunks.Count, block.Text, section, block.Page, block.Page, offset, offset + block.Text.Length, block.Text.Split(' ').Length));
            offset += block.Text.Length + 2;
        }

        return chunks;
    }
}
