namespace Switchboard.Gateway.Configuration;

/// <summary>One place an alias can be served: a provider plus the model name that provider knows.</summary>
public sealed record DeploymentConfig
{
    public string Provider { get; set; } = "";

    public string Model { get; set; } = "";

    /// <summary>Share of traffic under the <c>weighted</c> policy; 0 takes the deployment out of first choice.</summary>
    public double Weight { get; set; } = 1;

    /// <summary>What the model can do; anything not stated is assumed to work.</summary>
    public CapabilitiesConfig? Capabilities { get; set; }

    /// <summary>Context window in tokens; requests estimated larger skip this deployment. Null: unknown.</summary>
    public int? MaxContextTokens { get; set; }

    /// <summary>Price per million tokens, for the <c>cost-aware</c> policy, budgets and the usage ledger.</summary>
    public PriceConfig? Price { get; set; }

    /// <summary>Most attempts in progress at once on this deployment; null for no limit.</summary>
    public int? MaxConcurrency { get; set; }

    /// <summary>Requests that may wait for a slot when <see cref="MaxConcurrency"/> is reached.</summary>
    public int MaxQueue { get; set; }

    /// <summary>How long a queued request waits before it goes to the next deployment (or gets 429).</summary>
    public double MaxQueueWaitSeconds { get; set; } = 5;

    /// <summary>Optional active health probe; its results count like real attempts.</summary>
    public ProbeConfig? Probe { get; set; }

    /// <summary>Free-form labels (e.g. <c>ru</c>, <c>fast</c>).</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];
}
