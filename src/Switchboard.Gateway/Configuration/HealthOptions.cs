namespace Switchboard.Gateway.Configuration;

/// <summary>Passive health: when a deployment is taken out of rotation and how it comes back. Hot-reloaded.</summary>
public sealed record HealthOptions
{
    /// <summary>False keeps every deployment in rotation whatever happens (attempts still fail over).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Failure share over the window at which the circuit opens.</summary>
    public double FailureRateThreshold { get; set; } = 0.5;

    /// <summary>Failure share at which a deployment counts as degraded (still used).</summary>
    public double DegradedRateThreshold { get; set; } = 0.2;

    /// <summary>Fewest attempts in the window before the rate is trusted.</summary>
    public int MinimumAttempts { get; set; } = 10;

    public double WindowSeconds { get; set; } = 30;

    /// <summary>How long an open circuit keeps the deployment out before a probe request is let through.</summary>
    public double BreakSeconds { get; set; } = 30;

    /// <summary>Cooldown after a 429 that carried no usable <c>Retry-After</c>.</summary>
    public double DefaultCooldownSeconds { get; set; } = 5;
}
