using System.Text;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Tests.Inference;

/// <summary>The real llama.cpp on the real stories260K model: greedy decoding from BOS reproduces the reference text.</summary>
public sealed class GoldenGenerationTests
{
    [Fact]
    public void Stories260K_GreedyFromBos_70Tokens_ReproducesTheGoldenText()
    {
        var api = LlamaLibrary.Load();
        using var model = LlamaModel.Load(SharedModels.Stories260K, api);
        using var context = new LlamaContext(model, size: 256);
        var text = new StringBuilder();

        var stats = TextGenerator.Generate(context, [model.Bos], 70, SamplingOptions.Greedy, piece => text.Append(piece));

        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), text.ToString());
        Assert.Equal(70, stats.GeneratedTokens);
        Assert.Equal("length", stats.FinishReason);
    }

    [Fact]
    public void Version_IsTheOneTheBindingWasWrittenFor()
    {
        LlamaLibrary.Load();

        Assert.StartsWith(LlamaLibrary.ExpectedVersion, LlamaLibrary.LoadedVersion, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAModel_IsRefusedWithItsName()
    {
        var api = LlamaLibrary.Load();
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.gguf");
        File.WriteAllText(path, "this is not GGUF");
        try
        {
            var error = Assert.Throws<LlamaLibraryException>(() => LlamaModel.Load(path, api));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(200_000)]
    [InlineData(1_185_000)]
    public void ATruncatedModel_IsRefusedWithItsName_BeforeLlamaCppSeesIt(int length)
    {
        var api = LlamaLibrary.Load();
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.gguf");
        File.WriteAllBytes(path, File.ReadAllBytes(SharedModels.Stories260K)[..length]);
        try
        {
            var error = Assert.Throws<LlamaLibraryException>(() => LlamaModel.Load(path, api));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void APromptLongerThanTheContext_IsRefused_NotTruncated()
    {
        var api = LlamaLibrary.Load();
        using var model = LlamaModel.Load(SharedModels.Stories260K, api);
        using var context = new LlamaContext(model, size: 32);
        var prompt = model.Tokenize(string.Join(' ', Enumerable.Repeat("Once upon a time", 400)), addSpecial: true);

        var error = Assert.Throws<ContextLengthExceededException>(() => TextGenerator.Generate(context, prompt, 10, SamplingOptions.Greedy, _ => { }));

        Assert.Equal(prompt.Length, error.PromptTokens);
    }
}
