using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Readers.Office;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class XlsxReaderTests
{
    [Fact]
    public void Read_Workbook_EverySheetIsAHeadingAndATable()
    {
        var bytes = ExcelFiles.Workbook(
            ("Продажи", [["Город", "Сумма", "Дата"], ["Москва", 1250.5, new DateTime(2026, 3, 1)], ["Казань", 300d, null]]),
            ("Notes", [[null, "comment"], [true, "ok"]]));

        var document = TestReading.Read(bytes, "report.xlsx");

        document.Title.Should().Be("report");
        document.Metadata["sheets"].Should().Be("Продажи, Notes");
        document.Blocks.Select(b => b.Kind).Should().Equal(BlockKind.Heading, BlockKind.Table, BlockKind.Heading, BlockKind.Table);
        document.Blocks[0].Text.Should().Be("Продажи");
        document.Blocks[1].Text.Should().Be(
            "| Город | Сумма | Дата |\n| --- | --- | --- |\n| Москва | 1250.5 | 2026-03-01 |\n| Казань | 300 | |");
        document.Blocks[3].Text.Should().Be("| | comment |\n| --- | --- |\n| TRUE | ok |");
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Fact]
    public void Read_SheetOverTheRowCap_IsCutAndFlagged()
    {
        var rows = Enumerable.Range(0, XlsxReader.MaxRowsPerSheet + 5).Select(i => new object?[] { (double)i }).ToArray();

        var document = TestReading.Read(ExcelFiles.Workbook(("Big", rows)), "big.xlsx");

        document.Metadata["truncatedSheets"].Should().Be("Big");
        document.OfKind(BlockKind.Table).Single().Text.Split('\n').Should().HaveCount(XlsxReader.MaxRowsPerSheet + 1);
    }

    [Fact]
    public void Chunk_LargeSheet_SplitsRowsRepeatingTheHeader()
    {
        var rows = new[] { new object?[] { "Артикул", "Название" } }
            .Concat(Enumerable.Range(1, 400).Select(i => new object?[] { (double)i, "Товар номер " + i }))
            .ToArray();
        var document = TestReading.Read(ExcelFiles.Workbook(("Каталог", rows)), "catalog.xlsx");

        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 200, OverlapTokens = 30 });

        chunks.Should().HaveCountGreaterThan(3);
        chunks.Should().OnlyContain(c => c.Text.StartsWith("Каталог") || c.Text.StartsWith("| Артикул | Название |\n| --- | --- |\n"));
        chunks.Should().OnlyContain(c => c.SectionPath.SequenceEqual(new[] { "Каталог" }));
    }
}
