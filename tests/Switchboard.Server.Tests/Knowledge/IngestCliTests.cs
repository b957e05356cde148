using Switchboard.Server.Tests.Infrastructure;

namespace Switchboard.Server.Tests.Knowledge;

public sealed class IngestCliTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Fact]
    public async Task Ingest_AFolder_UploadsRecursivelyWaitsAndReportsFailures_AndARerunOnlyRetriesWhatFailed()
    {
        var folder = Directory.CreateTempSubdirectory("ingest-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "sub", ".hidden"));
        await File.WriteAllTextAsync(Path.Combine(folder, "a.md"), "# Travel\n\nTrains are booked through the travel desk.");
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "b.txt"), "Hotels need approval above the limit.");
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", ".hidden", "c.md"), "never uploaded");
        await File.WriteAllTextAsync(Path.Combine(folder, "bad.xyz"), "unsupported");
        var environment = new Dictionary<string, string> { ["SWITCHBOARD_API_KEY"] = GatewayServer.AdminKey };
        string[] args = ["ingest", folder, "--collection", "cli-travel", "--url", fixture.Server.BaseAddress.ToString()];

        var (exit, stdout, stderr) = await SwitchboardProcess.RunAsync(environment, args);

        Assert.Equal(3, exit);
        Assert.Contains("3 files: 3 created", stderr);
        Assert.Contains("collection cli-travel: 2 ready, 1 failed", stdout);
        Assert.Contains("failed: bad.xyz", stdout);

        var (_, _, again) = await SwitchboardProcess.RunAsync(environment, args);

        Assert.Contains("2 unchanged", again);
        Assert.Contains("1 replaced", again);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ingest_WithoutAKey_SaysWhereToPutIt()
    {
        var (exit, _, stderr) = await SwitchboardProcess.RunAsync(new Dictionary<string, string> { ["SWITCHBOARD_API_KEY"] = "" },
            "ingest", ".", "--collection", "x", "--url", fixture.Server.BaseAddress.ToString());

        Assert.Equal(2, exit);
        Assert.Contains("SWITCHBOARD_API_KEY", stderr);
    }
}
