using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Tests.Inference;

/// <summary>
/// llama.cpp's own tokenizer test vectors for the Llama-2 SentencePiece vocabulary, run through our
/// binding against llama2-tiny-random (the same vocabulary): every input gives exactly the expected ids.
/// </summary>
public sealed class TokenizerVectorTests
{
    public static TheoryData<int, string, string> Vectors()
    {
        const string separator = "\n__ggml_vocab_test__\n";
        var inputs = File.ReadAllText(SharedModels.TokenizerVectors + ".inp").Split(separator);
        var outputs = File.ReadAllLines(SharedModels.TokenizerVectors + ".out");
        var data = new TheoryData<int, string, string>();
        for (var i = 0; i < outputs.Length; i++)
        {
            data.Add(i, inputs[i], outputs[i].Trim());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Tokenize_MatchesLlamaCppsVectors(int index, string input, string expected)
    {
        using var model = LlamaModel.Load(SharedModels.LlamaTinyRandom, LlamaLibrary.Load(), vocabularyOnly: true);

        var tokens = model.Tokenize(input, addSpecial: false);

        Assert.True(expected == string.Join(' ', tokens), $"vector {index}: expected [{expected}], got [{string.Join(' ', tokens)}]");
    }

    [Fact]
    public void Vectors_AreAllRead()
    {
        Assert.Equal(46, Vectors().Count);
    }
}
