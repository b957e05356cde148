using System.Text;
using AwesomeAssertions;
using Switchboard.Knowledge.Documents;
using Switchboard.Knowledge.Tests.Chunking;

namespace Switchboard.Knowledge.Tests.Readers;

public sealed class HtmlReaderTests
{
    static HtmlReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Page = """
        <!DOCTYPE html>
        <html><head><title>Настройка прокси</title>
        <style>body { color: red; }</style>
        <script>var secret = "do-not-index";</script></head>
        <body>
        <header><p>Site header</p></header>
        <nav><a href="/">Home</a> | <a href="/docs">Docs</a></nav>
        <main>
          <h1>Настройка прокси</h1>
          <div>Прокси читает <b>конфигурацию</b> при старте.<br>Перезапуск не нужен.</div>
          <h2>Параметры</h2>
          <ul><li>port — порт<ul><li>по умолчанию 8080</li></ul></li><li>host</li></ul>
          <ol start="3"><li>Третий шаг</li></ol>
          <table><thead><tr><th>Ключ</th><th>Тип</th></tr></thead><tbody><tr><td>port</td><td>int</td></tr></tbody></table>
          <pre>switchboard serve
          --port 8080</pre>
          <script>alert("inline")</script>
          <p hidden>hidden text</p>
        </main>
        <aside>Related links</aside>
        <footer>© 2026</footer>
        </body></html>
        """;

    [Fact]
    public void Read_Page_ReadsMainContentWithStructure()
    {
        var document = TestReading.Read(Page, "proxy.html");

        document.Title.Should().Be("Настройка прокси");
        document.Blocks.Select(b => (b.Kind, b.Text)).Should().Equal(
            (BlockKind.Heading, "Настройка прокси"),
            (BlockKind.Paragraph, "Прокси читает конфигурацию при старте.\nПерезапуск не нужен."),
            (BlockKind.Heading, "Параметры"),
            (BlockKind.ListItem, "- port — порт"),
            (BlockKind.ListItem, "- по умолчанию 8080"),
            (BlockKind.ListItem, "- host"),
            (BlockKind.ListItem, "3. Третий шаг"),
            (BlockKind.Table, "| Ключ | Тип |\n| --- | --- |\n| port | int |"),
            (BlockKind.Code, "switchboard serve\n  --port 8080"));
        ChunkInvariants.ChunkAndCheck(document);
    }

    [Fact]
    public void Read_PageWithoutMain_DropsScriptStyleNavigationAndChrome()
    {
        var page = Page.Replace("<main>", "<div>", StringComparison.Ordinal).Replace("</main>", "</div>", StringComparison.Ordinal);

        var text = TestReading.Read(page, "proxy.html").FullText;

        text.Should().Contain("Прокси читает конфигурацию");
        text.Should().NotContainAny("do-not-index", "alert", "color: red", "Site header", "Home", "Related links", "© 2026", "hidden text");
    }

    [Fact]
    public void Read_HostileNesting_IsReadWithoutRecursingToDeath()
    {
        var html = string.Concat(Enumerable.Repeat("<div>", 20_000)) + "глубоко" + string.Concat(Enumerable.Repeat("</div>", 20_000));

        TestReading.Read(html, "deep.html").FullText.Should().Be("глубоко");
    }

    [Fact]
    public void Read_Windows1251PageWithMetaCharset_DecodesRussian()
    {
        var html = "<html><head><meta charset=\"windows-1251\"><title>Отчёт</title></head><body><p>Привет, мир!</p></body></html>";

        var document = TestReading.Read(html, "old.htm", Encoding.GetEncoding(1251));

        document.Title.Should().Be("Отчёт");
        document.FullText.Should().Be("Привет, мир!");
    }
}
