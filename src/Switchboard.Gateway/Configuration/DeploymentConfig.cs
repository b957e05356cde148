namespace Switchboard.Gateway.Configuration;

/// <summary>One place an alias can be served: a provider plus the model name that provider knows.</summary>
public sealed record DeploymentConfig
{
    public string Provider { get; set; } = "";

    public string Model { get; set; } = "";
}
