using System.Text;
using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class TxtReaderTests
{
    private const string Russian = "Съешь же ещё этих мягких французских булок, да выпей чаю.\nВторая строка абзаца.\n\nНовый абзац о настройке сервера.";

    static TxtReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("utf-8")]
    [InlineData("windows-1251")]
    [InlineData("koi8-r")]
    [InlineData("utf-16")]
    public void Read_RussianInEncoding_DetectsTheEncoding(string encoding)
    {
        var target = Encoding.GetEncoding(encoding);
        var bytes = encoding == "utf-16" ? [.. target.GetPreamble(), .. target.GetBytes(Russian)] : target.GetBytes(Russian);

        var document = TestReading.Read(bytes, "notes.txt");

        document.Metadata["encoding"].Should().Be(encoding);
        document.Blocks.Select(b => b.Text).Should().Equal("Съешь же ещё этих мягких французских булок, да выпей чаю.\nВторая строка абзаца.", "Новый абзац о настройке сервера.");
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Theory]
    [InlineData("windows-1251", "Привет")]
    [InlineData("koi8-r", "Привет")]
    [InlineData("windows-1251", "ПРОТОКОЛ СОБРАНИЯ")]
    [InlineData("koi8-r", "ПРОТОКОЛ СОБРАНИЯ")]
    public void Read_ShortRussianText_StillTellsTheCodePagesApart(string encoding, string text)
    {
        var document = TestReading.Read(text, "short.txt", Encoding.GetEncoding(encoding));

        document.FullText.Should().Be(text);
    }

    [Fact]
    public void Read_Utf8WithBom_DropsTheBom()
    {
        var document = TestReading.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("Grüße")], "bom.txt");

        document.FullText.Should().Be("Grüße");
        document.Metadata["encoding"].Should().Be("utf-8");
    }

    [Fact]
    public void Read_GermanLatin1_IsNotMistakenForCyrillic()
    {
        var document = TestReading.Read("Die Größe der Übungsgruppe wächst.", "de.txt", Encoding.Latin1);

        document.FullText.Should().Be("Die Größe der Übungsgruppe wächst.");
        document.Metadata["encoding"].Should().Be("windows-1252");
    }

    [Fact]
    public void Read_BulletLines_BecomeListItems()
    {
        var document = TestReading.Read("Шаги:\n\n- скачать\n- распаковать\n\n1. запустить", "steps.txt");

        document.Blocks.Select(b => b.Kind).Should().Equal(BlockKind.Paragraph, BlockKind.ListItem, BlockKind.ListItem, BlockKind.ListItem);
    }
}
