namespace Switchboard.Knowledge.Tests;

/// <summary>The datasets in <c>../shared/data</c> (found by walking up from the test binaries to the directory holding <c>shared</c>).</summary>
public static class SharedData
{
    public static string Root { get; } = FindShared();

    public static string SciFact => Path.Combine(Root, "data", "scifact");

    private static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("../shared/data not found above " + AppContext.BaseDirectory);
    }
}
