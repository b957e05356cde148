namespace Switchboard.Gateway.Configuration;

/// <summary>The config file cannot be used; <see cref="Exception.Message"/> lists every problem found.</summary>
public sealed class ConfigValidationException : Exception
{
    public ConfigValidationException(string path, IReadOnlyList<string> problems)
        : base($"Invalid configuration '{path}': " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public ConfigValidationException()
    {
        Problems = [];
    }

    public ConfigValidationException(string message) : base(message)
    {
        Problems = [message];
    }

    public ConfigValidationException(string message, Exception innerException) : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
