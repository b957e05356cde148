namespace Switchboard.Gateway.Configuration;

/// <summary>An active health probe of one deployment.</summary>
public sealed record ProbeConfig
{
    public double IntervalSeconds { get; set; } = 30;

    /// <summary>
    /// A health route to GET, relative to the provider's base URL (e.g. <c>../health</c> for llama.cpp
    /// server). Without it the probe is a one-token chat completion (<c>max_tokens: 1</c>).
    /// </summary>
    public string? Path { get; set; }

    public double TimeoutSeconds { get; set; } = 10;
}
