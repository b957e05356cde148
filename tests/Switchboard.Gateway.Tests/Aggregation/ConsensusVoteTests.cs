using System.Text.Json.Nodes;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Tests.Aggregation;

public sealed class ConsensusVoteTests
{
    [Fact]
    public void TextAnswers_AgreeAfterCaseWhitespaceAndTrailingPunctuation()
    {
        var (winner, votes) = ConsensusVote.Decide([Answer("Negative"), Answer(" positive. "), Answer("POSITIVE"), Answer("positive\n")]);

        Assert.Equal(1, winner);
        Assert.Equal(3, votes);
    }

    [Fact]
    public void JsonAnswers_AgreeWhateverTheKeyOrderAndSpacing()
    {
        var (winner, votes) = ConsensusVote.Decide([
            Answer("""{"label":"spam","score":1}"""),
            Answer("""{ "score": 1, "label": "spam" }"""),
            Answer("""{"label":"ham","score":1}"""),
        ]);

        Assert.Equal(0, winner);
        Assert.Equal(2, votes);
    }

    [Fact]
    public void Tie_GoesToTheFirstAnswer_AndFailedAnswersDoNotVote()
    {
        var (winner, votes) = ConsensusVote.Decide([Failed(), Answer("b"), Answer("a"), Failed(), Failed()]);

        Assert.Equal(1, winner);
        Assert.Equal(1, votes);
    }

    [Fact]
    public void ToolCalls_VoteByFunctionAndArguments()
    {
        static CapturedAnswer Call(string arguments) => Answer(null, new JsonArray(new JsonObject
        {
            ["id"] = "c", ["type"] = "function", ["function"] = new JsonObject { ["name"] = "weather", ["arguments"] = arguments },
        }));

        var (winner, votes) = ConsensusVote.Decide([Call("""{"city":"Oslo"}"""), Call("""{"city":"Kazan"}"""), Call("""{ "city" : "Kazan" }""")]);

        Assert.Equal(1, winner);
        Assert.Equal(2, votes);
    }

    private static CapturedAnswer Answer(string? content, JsonArray? toolCalls = null)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (toolCalls is not null)
        {
            message["tool_calls"] = toolCalls;
        }

        var body = new JsonObject { ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = "stop" }) };
        return new CapturedAnswer("m", "d", 200, body, new UsageReport(), TimeSpan.Zero);
    }

    private static CapturedAnswer Failed() => new("m", "d", 500, null, new UsageReport(), TimeSpan.Zero);
}
