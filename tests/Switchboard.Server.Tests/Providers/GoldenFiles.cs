namespace Switchboard.Server.Tests.Providers;

/// <summary>Request and response examples taken from the providers' documented APIs (Providers/Golden/&lt;provider&gt;/).</summary>
public static class GoldenFiles
{
    public static string Read(string provider, string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Providers", "Golden", provider, name));
}
