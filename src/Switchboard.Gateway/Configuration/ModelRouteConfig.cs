namespace Switchboard.Gateway.Configuration;

/// <summary>A model alias that clients name in <c>model</c>, served by one or more deployments.</summary>
public sealed record ModelRouteConfig
{
    public string Alias { get; set; } = "";

    /// <summary>Deployments in the order they are tried.</summary>
    public IReadOnlyList<DeploymentConfig> Deployments { get; set; } = [];
}
