using Switchboard.Knowledge.Lexical;

namespace Switchboard.Knowledge.Tests.Lexical;

public sealed class TokenizerTests
{
    [Fact]
    public void Tokenize_MixedText_SplitsOnNonWordCharactersAndCaseFolds()
    {
        Assert.Equal(["il", "6", "levels", "rose", "by", "10", "in", "mice"], Tokenizer.Tokenize("IL-6 levels rose by 10% in MICE."));
    }

    [Fact]
    public void Tokenize_Russian_FoldsYoToYe()
    {
        Assert.Equal(["еще", "елка", "мед"], Tokenizer.Tokenize("Ещё ЁЛКА, мёд!"));
    }

    [Fact]
    public void Tokenize_EmptyOrPunctuation_ReturnsNothing()
    {
        Assert.Empty(Tokenizer.Tokenize(" ,.;-- "));
    }

    [Fact]
    public void Tokenize_VeryLongRun_IsCut()
    {
        Assert.Equal(Tokenizer.MaxTokenLength, Assert.Single(Tokenizer.Tokenize(new string('a', 500))).Length);
    }
}
