namespace Switchboard.Local.Gguf;

/// <summary>
/// A file is not a GGUF model this reader can describe: bad magic, unsupported version, truncated, corrupt or
/// absurd sizes. The message names the file and the problem so it can be shown to a user as is; the catalog keeps it
/// as the entry's error instead of failing the whole scan.
/// </summary>
public sealed class GgufFormatException : Exception
{
    public GgufFormatException()
    {
    }

    public GgufFormatException(string message)
        : base(message)
    {
    }

    public GgufFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="filePath"/> with the message "<c>file: problem</c>".</summary>
    public GgufFormatException(string filePath, string problem)
        : base($"{filePath}: {problem}")
    {
        FilePath = filePath;
        Problem = problem;
    }

    /// <summary>The file that failed to parse, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The problem without the file name, when known.</summary>
    public string? Problem { get; }
}
