using Switchboard.Knowledge.Retrieval;

namespace Switchboard.Knowledge.Tests.Retrieval;

public sealed class HighlighterTests
{
    [Fact]
    public void Highlight_MarksStemMatches_AndEscapesEverythingElse()
    {
        var (html, coverage) = Highlighter.Highlight("<img src=x onerror=alert(1)> Passwords expire & must change.", Highlighter.QueryTerms("password change"));

        Assert.Equal("&lt;img src=x onerror=alert(1)&gt; <mark>Passwords</mark> expire &amp; must <mark>change</mark>.", html);
        Assert.Equal(1.0, coverage);
    }

    [Fact]
    public void Highlight_RussianWordForms_AreMarked()
    {
        var (html, coverage) = Highlighter.Highlight("Пароль учётной записи меняется раз в квартал.", Highlighter.QueryTerms("паролями учетных записей"));

        Assert.Contains("<mark>Пароль</mark>", html);
        Assert.Contains("<mark>учётной</mark>", html);
        Assert.Equal(1.0, coverage);
    }

    [Fact]
    public void Highlight_LongPassage_CutsASnippetAroundTheMatches()
    {
        var text = string.Concat(Enumerable.Repeat("filler words only here. ", 60)) + "The vacation policy grants 28 days. " + string.Concat(Enumerable.Repeat("more filler text. ", 60));

        var (html, coverage) = Highlighter.Highlight(text, Highlighter.QueryTerms("vacation days"));

        Assert.StartsWith("…", html);
        Assert.EndsWith("…", html);
        Assert.Contains("<mark>vacation</mark>", html);
        Assert.True(html.Length < Highlighter.SnippetCharacters + 100);
        Assert.Equal(1.0, coverage);
    }

    [Fact]
    public void Highlight_NoMatch_HasZeroCoverage()
    {
        var (html, coverage) = Highlighter.Highlight("Nothing relevant.", Highlighter.QueryTerms("quantum tunnelling"));

        Assert.Equal("Nothing relevant.", html);
        Assert.Equal(0, coverage);
    }
}
