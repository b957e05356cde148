using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary><c>switchboard model run | quantize | bench</c> as a user runs them: a real process, real llama.cpp, the shared models.</summary>
public sealed class ModelInferenceCliTests
{
    [Fact]
    public async Task Run_GreedyFromBos_PrintsExactlyTheGoldenText()
    {
        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "run", SharedModels.Stories260K, "--prompt", "", "--max-tokens", "70");

        Assert.True(exit == 0, stderr);
        Assert.Equal(File.ReadAllText(SharedModels.StoriesGolden), stdout);
        Assert.Contains("70 generated", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quantize_ToQ8_0_WritesAModelThatLoadsAndGenerates()
    {
        var output = Path.Combine(Path.GetTempPath(), $"stories-q8-{Guid.NewGuid():N}.gguf");
        try
        {
            var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "quantize", SharedModels.Stories260K, output, "Q8_0");
            var (runExit, text, runErr) = await SwitchboardProcess.RunAsync("model", "run", output, "--prompt", "Once upon a time", "--max-tokens", "20");

            Assert.True(exit == 0, stderr);
            Assert.Matches(@"stories260K\.gguf .* -> .*\(Q8_0\), ratio 0\.\d{3}", stdout);
            Assert.True(new FileInfo(output).Length < new FileInfo(SharedModels.Stories260K).Length / 2);
            Assert.True(runExit == 0, runErr);
            Assert.False(string.IsNullOrWhiteSpace(text));
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public async Task Bench_PrintsPromptAndGenerationSpeed()
    {
        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "bench", SharedModels.Stories260K, "--prompt-tokens", "64", "--generate", "16");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"prompt\s+64 tokens\s+\d+(\.\d)? tokens/s", stdout);
        Assert.Matches(@"generation\s+16 tokens\s+\d+(\.\d)? tokens/s", stdout);
    }

    [Theory]
    [InlineData("run", "--prompt", "x")]
    [InlineData("bench")]
    public async Task ABadModelFile_ExitsWithAMessageNamingIt(params string[] verbAndOptions)
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "GGUF but not really");
        try
        {
            var (exit, _, stderr) = await SwitchboardProcess.RunAsync(["model", verbAndOptions[0], path, .. verbAndOptions[1..]]);

            Assert.Equal(1, exit);
            Assert.Contains(path, stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Quantize_UnknownType_IsRefused()
    {
        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("model", "quantize", SharedModels.Stories260K, "/tmp/never.gguf", "Q9_9");

        Assert.Equal(1, exit);
        Assert.Contains("unknown quantisation type 'Q9_9'", stderr, StringComparison.Ordinal);
    }
}
