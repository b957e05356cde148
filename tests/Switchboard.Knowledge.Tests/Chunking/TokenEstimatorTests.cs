using AwesomeAssertions;
using Switchboard.Knowledge.Chunking;

namespace Switchboard.Knowledge.Tests.Chunking;

public sealed class TokenEstimatorTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("   \n\t", 0)]
    [InlineData("Hello, world!", 4)]
    [InlineData("internationalization", 4)]
    [InlineData("привет", 2)]
    [InlineData("инструкция", 4)]
    [InlineData("2026", 2)]
    [InlineData("東京", 2)]
    [InlineData("v2.1", 4)]
    public void Count_Text_FollowsTheDocumentedRule(string text, int expected)
    {
        TokenEstimator.Count(text).Should().Be(expected);
    }

    [Fact]
    public void Count_RussianSentence_CostsMoreThanItsEnglishTranslation()
    {
        TokenEstimator.Count("Сервер перезапускается автоматически после обновления.")
            .Should().BeGreaterThan(TokenEstimator.Count("The server restarts automatically after an update."));
    }

    [Fact]
    public void Count_TextSplitAtWhitespace_AddsUp()
    {
        const string left = "Первая часть, with «quotes».";
        const string right = "Second part: 12345 items!";

        TokenEstimator.Count(left + " \n" + right).Should().Be(TokenEstimator.Count(left) + TokenEstimator.Count(right));
    }
}
