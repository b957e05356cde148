using AwesomeAssertions;
using Switchboard.Knowledge.Chunking;
using Switchboard.Knowledge.Documents;

namespace Switchboard.Knowledge.Tests.Chunking;

public sealed class DocumentChunkerTests
{
    private static DocumentBlock H(int level, string text) => new(BlockKind.Heading, text, level);

    private static DocumentBlock P(string text, int? page = null) => new(BlockKind.Paragraph, text, Page: page);

    private static string Sentences(string topic, int count) =>
        string.Join(" ", Enumerable.Range(1, count).Select(i => $"Sentence {i} about {topic} has a few words."));

    [Fact]
    public void Chunk_Headings_SectionPathIsTheHeadingStack()
    {
        var document = new ParsedDocument("Guide",
        [
            H(1, "Install"), P("Install it."), H(2, "Linux"), P("Use the tarball."), H(2, "Windows"), P("Use the zip."),
            H(1, "Usage"), P("Run it."),
        ]);

        var chunks = ChunkInvariants.ChunkAndCheck(document);

        // A subsection joins its parent's chunk while it fits; a sibling or a higher heading starts a new one.
        chunks.Select(c => (c.Text, string.Join("/", c.SectionPath))).Should().Equal(
            ("Install\n\nInstall it.\n\nLinux\n\nUse the tarball.", "Install"),
            ("Windows\n\nUse the zip.", "Install/Windows"),
            ("Usage\n\nRun it.", "Usage"));
    }

    [Fact]
    public void Chunk_SubsectionThatWouldNotFit_StartsItsOwnChunk()
    {
        var document = new ParsedDocument("Guide", [H(1, "Install"), P(Sentences("intro", 3)), H(2, "Linux"), P(Sentences("linux", 3))]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 50, OverlapTokens = 10 });

        chunks.Should().HaveCount(2);
        chunks[1].Text.Should().StartWith("Linux\n\n");
        chunks[1].SectionPath.Should().Equal("Install", "Linux");
    }

    [Fact]
    public void Chunk_TableThatFits_StaysWholeInOneChunk()
    {
        var table = "| a | b |\n| --- | --- |\n" + string.Join("\n", Enumerable.Range(1, 10).Select(i => $"| {i} | value {i} |"));
        var document = new ParsedDocument("T", [P(Sentences("before", 6)), new DocumentBlock(BlockKind.Table, table), P(Sentences("after", 6))]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 120, OverlapTokens = 0 });

        chunks.Should().ContainSingle(c => c.Text.Contains("| 1 | value 1 |")).Which.Text.Should().Contain(table);
    }

    [Fact]
    public void Chunk_TableTooLarge_SplitsByRowsRepeatingTheHeader()
    {
        var table = "| id | name |\n| --- | --- |\n" + string.Join("\n", Enumerable.Range(1, 60).Select(i => $"| {i} | item number {i} |"));
        var document = new ParsedDocument("T", [new DocumentBlock(BlockKind.Table, table)]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 80, OverlapTokens = 20 });

        chunks.Should().HaveCountGreaterThan(2);
        chunks.Should().OnlyContain(c => c.Text.StartsWith("| id | name |\n| --- | --- |\n| "));
        var rows = chunks.SelectMany(c => c.Text.Split('\n').Skip(2)).ToList();
        rows.Should().Equal(table.Split('\n').Skip(2), "every row once, in order, none cut");
    }

    [Fact]
    public void Chunk_LongParagraph_SplitsAtSentences()
    {
        var document = new ParsedDocument("P", [P(Sentences("splitting", 40))]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 60, OverlapTokens = 0 });

        chunks.Should().HaveCountGreaterThan(5);
        chunks.Should().OnlyContain(c => c.Text.StartsWith("Sentence ") && c.Text.EndsWith("words."));
    }

    [Fact]
    public void Chunk_SentenceLongerThanTheChunk_SplitsAtWordsAndAnOverlongWordIntoSlices()
    {
        var longSentence = string.Join(" ", Enumerable.Repeat("слово", 200)) + " " + new string('x', 5000) + ".";
        var document = new ParsedDocument("L", [P(longSentence)]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 50, OverlapTokens = 5 });

        chunks.Should().OnlyContain(c => c.Tokens <= 50);
        string.Concat(chunks.Select(c => c.Text)).Should().Contain(new string('x', 40));
    }

    [Fact]
    public void Chunk_Overlap_NextChunkStartsWithTheEndOfThePreviousAtASentence()
    {
        var document = new ParsedDocument("O", [P(Sentences("overlap", 30))]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 80, OverlapTokens = 24 });

        for (var i = 1; i < chunks.Count; i++)
        {
            chunks[i].CharStart.Should().BeLessThan(chunks[i - 1].CharEnd, "chunk {0} overlaps the one before", i);
            var shared = document.FullText[chunks[i].CharStart..chunks[i - 1].CharEnd];
            shared.Should().StartWith("Sentence ").And.EndWith("words.");
            TokenEstimator.Count(shared).Should().BeInRange(12, 24);
        }
    }

    [Fact]
    public void Chunk_NewSection_StartsWithoutOverlap()
    {
        var document = new ParsedDocument("S", [H(1, "One"), P(Sentences("one", 12)), H(1, "Two"), P(Sentences("two", 12))]);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 70, OverlapTokens = 20 });

        var second = chunks.Single(c => c.Text.StartsWith("Two"));
        second.CharStart.Should().Be(document.FullText.IndexOf("Two", StringComparison.Ordinal));
        second.SectionPath.Should().Equal("Two");
    }

    [Fact]
    public void Chunk_PagedDocument_ChunksSpanThePagesTheyCover()
    {
        var document = new ParsedDocument("Pages", [P(Sentences("page one", 5), 1), P(Sentences("page two", 5), 2), P(Sentences("page three", 5), 3)]);

        var firstTwo = TokenEstimator.Count(document.Blocks[0].Text) + TokenEstimator.Count(document.Blocks[1].Text);

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = firstTwo, OverlapTokens = 0 });

        chunks.Select(c => (c.PageStart, c.PageEnd)).Should().Equal((1, 2), (3, 3));
    }

    [Fact]
    public void Chunk_ThreeHundredPages_ChunksEverythingWithinTheLimits()
    {
        var blocks = Enumerable.Range(1, 300).SelectMany(page => new[]
        {
            new DocumentBlock(BlockKind.Heading, $"Chapter {page}", 1 + (page % 3), page),
            P(Sentences($"page {page}", 25), page),
            new DocumentBlock(BlockKind.ListItem, "- " + Sentences("lists", 2), Page: page),
            P("Короткий абзац на русском языке о странице " + page + ".", page),
        }).ToList();
        var document = new ParsedDocument("Book", blocks);

        var chunks = ChunkInvariants.ChunkAndCheck(document);

        chunks.Count.Should().BeInRange(300, 2000);
        chunks[^1].PageEnd.Should().Be(300);
    }

    [Fact]
    public void Chunk_EmptyDocument_HasNoChunks()
    {
        DocumentChunker.Chunk(new ParsedDocument("E", []), new ChunkingOptions()).Should().BeEmpty();
    }

    [Fact]
    public void Chunk_ZeroMaxTokens_IsRejected()
    {
        var act = () => DocumentChunker.Chunk(new ParsedDocument("E", []), new ChunkingOptions { MaxTokens = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
