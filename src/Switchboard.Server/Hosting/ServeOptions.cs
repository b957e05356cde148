namespace Switchboard.Server.Hosting;

/// <summary>How <c>switchboard serve</c> runs: where it listens and where its config and data live.</summary>
internal sealed record ServeOptions
{
    public const int DefaultPort = 8080;

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    public string Host { get; init; } = "127.0.0.1";

    public required string ConfigPath { get; init; }

    public required string DataDirectory { get; init; }

    /// <summary>How long a shutdown waits for in-flight requests (streams included) to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>text</c> (one line per event) or <c>json</c> (one JSON object per line).</summary>
    public string LogFormat { get; init; } = "text";
}
