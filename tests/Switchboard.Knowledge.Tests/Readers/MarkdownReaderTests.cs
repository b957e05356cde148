using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class MarkdownReaderTests
{
    private const string Readme = """
        ---
        title: Руководство по установке
        ---
        # Установка

        Switchboard ставится **одной** командой, см. [документацию](https://example.org).

        ## Linux

        1. Скачайте архив
        2. Распакуйте `switchboard.tar.gz`
           - в `/opt`

        | Пакет | Версия |
        |---|---|
        | dotnet | 10.0 |

        ```bash
        ./switchboard.sh up
        ```

        > Цитата из письма.
        """;

    [Fact]
    public void Read_Readme_KeepsHeadingsListsTablesAndCode()
    {
        var document = TestReading.Read(Readme, "README.md");

        document.Title.Should().Be("Руководство по установке");
        document.Blocks.Select(b => (b.Kind, b.Text, b.HeadingLevel)).Should().Equal(
            (BlockKind.Heading, "Установка", 1),
            (BlockKind.Paragraph, "Switchboard ставится одной командой, см. документацию.", 0),
            (BlockKind.Heading, "Linux", 2),
            (BlockKind.ListItem, "1. Скачайте архив", 0),
            (BlockKind.ListItem, "2. Распакуйте switchboard.tar.gz", 0),
            (BlockKind.ListItem, "- в /opt", 0),
            (BlockKind.Table, "| Пакет | Версия |\n| --- | --- |\n| dotnet | 10.0 |", 0),
            (BlockKind.Code, "./switchboard.sh up", 0),
            (BlockKind.Paragraph, "Цитата из письма.", 0));
        var chunks = ChunkInvariants.ChunkAndCheck(document, new() { MaxTokens = 40, OverlapTokens = 0 });
        chunks.Should().Contain(c => c.Text.Contains("| dotnet | 10.0 |") && c.SectionPath.SequenceEqual(new[] { "Установка", "Linux" }));
    }

    [Fact]
    public void Read_HostileNesting_FailsAsAReadErrorOrReads()
    {
        var markdown = new string('>', 50_000) + " текст";

        var read = () => TestReading.Read(markdown, "deep.md");

        // Either outcome is fine; a stack overflow would kill the process.
        try
        {
            read().FullText.Should().Contain("текст");
        }
        catch (Switchboard.Knowledge.Readers.DocumentReadException ex)
        {
            ex.Message.Should().Contain("could not be read");
        }
    }
}
