using Switchboard.Server.Web.Markdown;

namespace Switchboard.Web.Tests.Unit;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<div onclick=\"x\">hi</div>")]
    [InlineData("text <svg onload=alert(1)> more")]
    [InlineData("<iframe src=\"javascript:alert(1)\"></iframe>")]
    public void ToHtml_RawHtml_IsEscapedText(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x](java\tscript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    public void ToHtml_UnsafeLinkTargets_AreRemoved(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        // Whatever became a link points nowhere; what did not is text.
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, "href=\"([^\"]*)\"").Select(m => m.Groups[1].Value), href => Assert.Equal("", href));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ToHtml_SafeLinks_OpenInANewTabWithoutOpener_AndImagesBecomeLinks()
    {
        var html = SafeMarkdown.ToHtml("[docs](https://example.com/a) ![chart](https://example.com/c.png)");

        Assert.Contains("href=\"https://example.com/a\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("target=\"_blank\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains(">chart</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Citations_LinkToTheirSource_AndUnknownNumbersStayText()
    {
        var links = new Dictionary<int, CitationLink> { [1] = new("/files/doc_1#page=3", "Handbook \"2026\", p. 3") };

        var html = SafeMarkdown.ToHtml("Twenty days [1][2]. See [1](https://example.com).", links);

        Assert.Contains("<a class=\"sb-cite\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/files/doc_1#page=3\"", html, StringComparison.Ordinal);
        Assert.Contains("title=\"Handbook &quot;2026&quot;, p. 3\"", html, StringComparison.Ordinal);
        Assert.Contains("[2]", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.com\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_CodeBlocks_AreEscapedHighlightedAndCopyable()
    {
        var html = SafeMarkdown.ToHtml("```js\nconst s = \"</code><script>x()</script>\"; // note\n```", copyLabel: "Копировать");

        Assert.Contains("class=\"sb-code\"", html, StringComparison.Ordinal);
        Assert.Contains("data-sb-copy=\"code\"", html, StringComparison.Ordinal);
        Assert.Contains("Копировать", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tk-k\">const</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"tk-c\">// note</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/code&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_UnsafeFenceLanguage_IsDropped()
    {
        var html = SafeMarkdown.ToHtml("```\"><script>\nx\n```");

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderBlocks_OnlyTheGrowingBlockChanges()
    {
        var before = SafeMarkdown.RenderBlocks("# Title\n\nFirst paragraph.\n\nSecond par");
        var after = SafeMarkdown.RenderBlocks("# Title\n\nFirst paragraph.\n\nSecond paragraph grows");

        Assert.Equal(3, after.Count);
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.NotEqual(before[2], after[2]);
    }
}
