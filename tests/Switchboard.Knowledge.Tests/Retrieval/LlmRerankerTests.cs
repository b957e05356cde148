using Switchboard.Knowledge.Retrieval;

namespace Switchboard.Knowledge.Tests.Retrieval;

public sealed class LlmRerankerTests
{
    [Theory]
    [InlineData("{\"scores\": [3, 9.5, 0]}", new[] { 3, 9.5, 0 })]
    [InlineData("Sure! [1,2,3]", new[] { 1.0, 2, 3 })]
    public void ParseScores_ReadsTheArray(string reply, double[] expected) => Assert.Equal(expected, LlmReranker.ParseScores(reply, 3));

    [Theory]
    [InlineData("{\"scores\": [1, 2]}")]
    [InlineData("no numbers here")]
    public void ParseScores_WrongCountOrNoArray_IsNull(string reply) => Assert.Null(LlmReranker.ParseScores(reply, 3));
}
