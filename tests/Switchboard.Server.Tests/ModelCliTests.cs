using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests;

/// <summary><c>switchboard model inspect | list</c> run as a real process against ../shared/models.</summary>
public sealed class ModelCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("sb-model-cli-").FullName;

    private static string Stories260K => SharedModels.Stories260K;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task ModelInspect_Stories260K_PrintsArchitectureParametersAndMemory()
    {
        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "inspect", Stories260K, "--context", "1024");

        Assert.True(exit == 0, stderr);
        Assert.Matches(@"Architecture:\s+llama", stdout);
        Assert.Matches(@"Parameters:\s+293K \(292,800\)", stdout);
        Assert.Matches(@"Quantisation:\s+F32", stdout);
        Assert.Matches(@"Context:\s+2,048 tokens", stdout);
        Assert.Matches(@"Vocabulary:\s+512 tokens, tokenizer llama", stdout);
        Assert.Matches(@"Chat template:\s+none", stdout);
        Assert.Contains("Memory @ 1,024:", stdout, StringComparison.Ordinal);
        Assert.Matches(@"F32\s+48 tensors", stdout);
    }

    [Fact]
    public async Task ModelInspect_NoContextOption_EstimatesAtTheModelsContext()
    {
        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "inspect", Stories260K);

        Assert.True(exit == 0, stderr);
        Assert.Contains("Memory @ 2,048:", stdout, StringComparison.Ordinal);
        Assert.Contains("KV cache (f16) 1.3 MiB", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelInspect_BadFile_ExitsOneNamingFileAndProblem()
    {
        var bad = Path.Combine(_directory, "noise.gguf");
        await File.WriteAllBytesAsync(bad, "PK\u0003\u0004 a zip, not a model"u8.ToArray());

        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "inspect", bad);

        Assert.Equal(1, exit);
        Assert.Empty(stdout);
        Assert.Contains(bad, stderr, StringComparison.Ordinal);
        Assert.Contains("not a GGUF file", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelInspect_TruncatedFile_ExitsOneSayingTruncated()
    {
        var cut = Path.Combine(_directory, "cut.gguf");
        await File.WriteAllBytesAsync(cut, (await File.ReadAllBytesAsync(Stories260K))[..100_000]);

        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("model", "inspect", cut);

        Assert.Equal(1, exit);
        Assert.Contains("truncated", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelList_GoodAndBadFile_ListsBothWithTheError()
    {
        File.Copy(Stories260K, Path.Combine(_directory, "stories260K.gguf"));
        await File.WriteAllTextAsync(Path.Combine(_directory, "broken.gguf"), "definitely not gguf");

        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync("model", "list", "--models", _directory);

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ALIAS", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^local/broken\s+error: not a GGUF file", lines[1]);
        Assert.Matches(@"^local/stories260K\s+llama\s+293K\s+F32\s+2,048\s+1.1 MiB$", lines[2]);
    }

    [Fact]
    public async Task ModelList_MissingDirectory_ExitsOne()
    {
        var (exit, _, stderr) = await SwitchboardProcess.RunAsync("model", "list", "--models", Path.Combine(_directory, "absent"));

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
