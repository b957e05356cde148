using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing.Classification;

namespace Switchboard.Gateway.Tests.Routing;

public sealed class LlmClassifierTests
{
    private static readonly LlmLabelConfig[] Labels =
    [
        new() { Label = "simple", Alias = "small" },
        new() { Label = "complex", Alias = "big" },
        new() { Label = "code", Alias = "coder" },
    ];

    [Theory]
    [InlineData("complex", "big")]
    [InlineData("  Simple.\n", "small")]
    [InlineData("Label: CODE", "coder")]
    [InlineData("complex, not simple", "big")]
    [InlineData("codex", null)]
    [InlineData("", null)]
    public void LabelIn_FindsTheEarliestWholeWordLabel(string reply, string? alias)
    {
        Assert.Equal(alias, LlmClassifier.LabelIn(reply, Labels)?.Alias);
    }

    [Fact]
    public void Prompt_ListsEveryLabel_AndCutsLongMessages()
    {
        var prompt = LlmClassifier.Prompt(new LlmClassifyConfig { Model = "m", Labels = Labels }, new string('x', 10_000));

        var system = prompt["messages"]![0]!["content"]!.GetValue<string>();
        Assert.All(Labels, l => Assert.Contains("- " + l.Label + ":", system, StringComparison.Ordinal));
        Assert.Equal(4000, prompt["messages"]![1]!["content"]!.GetValue<string>().Length);
        Assert.Equal(0, prompt["temperature"]!.GetValue<int>());
    }
}
