namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Retry rounds: when every eligible deployment has failed before the first byte, the gateway may wait
/// and go through them again. Off by default (one pass over the deployments). Hot-reloaded.
/// </summary>
public sealed record RetryOptions
{
    /// <summary>Most attempts for one request across all rounds; 0 means one attempt per eligible deployment.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>First wait between rounds; doubled each round, with ±50 % jitter.</summary>
    public double BaseDelayMs { get; set; } = 250;

    public double MaxDelayMs { get; set; } = 8000;
}
