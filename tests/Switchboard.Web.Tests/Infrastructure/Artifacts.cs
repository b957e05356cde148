namespace Switchboard.Web.Tests.Infrastructure;

/// <summary>Where the browser tests leave screenshots and measurements: <c>artifacts/</c> at the repository root (git-ignored).</summary>
public static class Artifacts
{
    public static string Root { get; } = FindRoot();

    public static string Screenshots => Directory.CreateDirectory(Path.Combine(Root, "screenshots")).FullName;

    public static string Screenshot(string name) => Path.Combine(Screenshots, name + ".png");

    public static string File(string name) => Path.Combine(Directory.CreateDirectory(Root).FullName, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Switchboard.slnx")))
            {
                return Path.Combine(dir.FullName, "artifacts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "artifacts");
    }
}
