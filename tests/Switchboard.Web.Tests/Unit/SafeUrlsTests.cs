using Switchboard.Server.Web.Components.Common;
using Switchboard.Server.Web.Markdown;

namespace Switchboard.Web.Tests.Unit;

public sealed class SafeUrlsTests
{
    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("http://example.com/a?b#c", true)]
    [InlineData("mailto:anna@example.com", true)]
    [InlineData("/files/doc_1#page=2", true)]
    [InlineData("docs/page", true)]
    [InlineData("#section", true)]
    [InlineData("//evil.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JAVASCRIPT:alert(1)", false)]
    [InlineData("jav\u0000ascript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("", false)]
    public void IsSafe_AllowsWebAndRelativeTargetsOnly(string url, bool safe) => Assert.Equal(safe, SafeUrls.IsSafe(url));

    [Fact]
    public void SafeSnippet_KeepsMarks_AndEscapesAnythingElse()
    {
        Assert.Equal("a <mark>b</mark> &lt;script&gt;", SafeSnippet.Html("a <mark>b</mark> &lt;script&gt;"));
        Assert.Equal("&lt;img src=x onerror=alert(1)&gt;<mark>x</mark>", SafeSnippet.Html("<img src=x onerror=alert(1)><mark>x</mark>"));
        Assert.Equal("&lt;mark onclick=x&gt;", SafeSnippet.Html("<mark onclick=x>"));
    }
}
