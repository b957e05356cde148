using AwesomeAssertions;
using Switchboard.Knowledge.Chunking;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Tests.Chunking;

/// <summary>What must hold for every chunking of every document, whichever reader produced it.</summary>
internal static class ChunkInvariants
{
    public static IReadOnlyList<DocumentChunk> ChunkAndCheck(ParsedDocument document, ChunkingOptions? options = null)
    {
        options ??= new ChunkingOptions();
        var chunks = DocumentChunker.Chunk(document, options);
        Check(document, chunks, options);
        return chunks;
    }

    public static void Check(ParsedDocument document, IReadOnlyList<DocumentChunk> chunks, ChunkingOptions options)
    {
        var full = document.FullText;
        var covered = new bool[full.Length];
        var previousStart = -1;
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            chunk.Index.Should().Be(i);
            chunk.CharStart.Should().BeGreaterThanOrEqualTo(0);
            chunk.CharEnd.Should().BeGreaterThan(chunk.CharStart).And.BeLessThanOrEqualTo(full.Length);
            chunk.CharStart.Should().BeGreaterThan(previousStart, "chunks follow the document");
            previousStart = chunk.CharStart;

            var source = full[chunk.CharStart..chunk.CharEnd];
            if (chunk.Text != source)
            {
                // Only a later part of a split table may differ: by its repeated header in front.
                chunk.Text.Should().EndWith("\n" + source);
                chunk.Text[..^(source.Length + 1)].Should().StartWith("|", "the prefix is a table header");
            }

            chunk.Text.Trim().Should().Be(chunk.Text, "chunks start and end with text");
            chunk.Tokens.Should().Be(TokenEstimator.Count(chunk.Text));
            chunk.Tokens.Should().BeLessThanOrEqualTo(options.MaxTokens, $"chunk {i} is within the size");
            if (chunk.PageStart is { } first && chunk.PageEnd is { } last)
            {
                first.Should().BeLessThanOrEqualTo(last);
            }

            Array.Fill(covered, true, chunk.CharStart, chunk.CharEnd - chunk.CharStart);
        }

        for (var c = 0; c < full.Length; c++)
        {
            if (!covered[c] && !char.IsWhiteSpace(full[c]))
            {
                Assert.Fail($"character {c} ('{full[c]}' in \"…{full[Math.Max(0, c - 20)..Math.Min(full.Length, c + 20)]}…\") is in no chunk");
            }
        }

        if (document.Blocks.All(b => b.Page is not null))
        {
            chunks.Should().OnlyContain(c => c.PageStart != null);
        }
    }
}
