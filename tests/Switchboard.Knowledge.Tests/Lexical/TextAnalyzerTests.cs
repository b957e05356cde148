using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("running", "run")]
    [InlineData("runs", "run")]
    [InlineData("connections", "connect")]
    [InlineData("connected", "connect")]
    public void Stem_English_ReducesInflections(string word, string stem)
    {
        Assert.Equal(stem, ScriptStemmer.Stem(word));
    }

    [Fact]
    public void Stem_RussianCaseForms_ShareOneStem()
    {
        var stems = new[] { "книги", "книга", "книгой", "книгу" }.Select(ScriptStemmer.Stem).Distinct().ToArray();
        Assert.Single(stems);
    }

    [Fact]
    public void Stem_DigitsAndOtherScripts_PassThrough()
    {
        Assert.Equal("2024", ScriptStemmer.Stem("2024"));
        Assert.Equal("東京", ScriptStemmer.Stem("東京"));
    }

    [Fact]
    public void Analyze_DropsEnglishAndRussianStopWords()
    {
        Assert.Equal(["cat", "sat", "mat"], TextAnalyzer.Analyze("The cat sat on the mat"));
        Assert.Equal(["кошк", "сидел", "ковр"], TextAnalyzer.Analyze("И кошка не сидела на ковре"));
    }

    [Fact]
    public void Analyze_QueryAndDocumentForms_Match()
    {
        Assert.Equal(TextAnalyzer.Analyze("Ёлки"), TextAnalyzer.Analyze("елками"));
    }
}
