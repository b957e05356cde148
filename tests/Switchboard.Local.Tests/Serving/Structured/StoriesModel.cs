using System.Text;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Tests.Serving.Structured;

/// <summary>stories260K loaded once per test class, generating greedily under a grammar.</summary>
public sealed class StoriesModel : IDisposable
{
    internal LlamaModel Model { get; } = LlamaModel.Load(SharedModels.Stories260K, LlamaLibrary.Load());

    /// <summary>Greedy output for <paramref name="prompt"/> under <paramref name="grammar"/>; throws when llama.cpp cannot parse the grammar.</summary>
    internal (string Text, GenerationStats Stats) Generate(string grammar, int maxTokens = 200, string prompt = "Once upon a time")
    {
        using var context = new LlamaContext(Model, size: 512);
        var text = new StringBuilder();
        var stats = TextGenerator.Generate(context, Model.Tokenize(prompt, addSpecial: true), maxTokens, SamplingOptions.Greedy with { Grammar = grammar }, piece => text.Append(piece));
        return (text.ToString(), stats);
    }

    public void Dispose() => Model.Dispose();
}
