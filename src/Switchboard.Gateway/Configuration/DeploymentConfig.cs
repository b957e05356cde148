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

    /// <summary>Price per million tokens, for the <c>cost-aware</c> policy and (later) budgets.</summary>
    public PriceConfig? Price { get; set; }

    /// <summary>Free-form labels (e.g. <c>ru</c>, <c>fast</c>).</summary>
    public IReadOnlyList<string> Tags { get; set; } = [];
}
