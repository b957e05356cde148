using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class PptxReaderTests
{
    [Fact]
    public void Read_Presentation_OneSectionPerSlideWithSlideNumbers()
    {
        var bytes = PowerPointFiles.Presentation(
            ("Квартальный отчёт", ["Выручка выросла на 12 %"], null, "Сказать про новый офис"),
            (null, ["Slide without a title"], [["Регион", "План"], ["Север", "110"]], null));

        var document = TestReading.Read(bytes, "q1.pptx");

        document.Title.Should().Be("Квартальный отчёт");
        document.Metadata["slides"].Should().Be("2");
        document.Blocks.Select(b => (b.Kind, b.Text, b.Page)).Should().Equal(
            (BlockKind.Heading, "Квартальный отчёт", 1),
            (BlockKind.Paragraph, "Выручка выросла на 12 %", 1),
            (BlockKind.Paragraph, "Speaker notes: Сказать про новый офис", 1),
            (BlockKind.Heading, "Slide 2", 2),
            (BlockKind.Paragraph, "Slide without a title", 2),
            (BlockKind.Table, "| Регион | План |\n| --- | --- |\n| Север | 110 |", 2));
        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 30, OverlapTokens = 0 });
        chunks.Select(c => (c.PageStart, c.PageEnd)).Should().Equal((1, 1), (2, 2));
    }
}
