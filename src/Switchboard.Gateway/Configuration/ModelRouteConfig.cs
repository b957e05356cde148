namespace Switchboard.Gateway.Configuration;

/// <summary>A model alias that clients name in <c>model</c>, served by one or more deployments.</summary>
public sealed record ModelRouteConfig
{
    public string Alias { get; set; } = "";

    /// <summary>How the first deployment is chosen (see <c>SelectionPolicies</c>); the others follow as failover.</summary>
    public string Policy { get; set; } = "priority";

    /// <summary>Try the next deployment when a provider's content filter refuses (off by default: a refusal is an answer).</summary>
    public bool FailoverOnContentFilter { get; set; }

    /// <summary>Makes this alias a router to other aliases (docs/routing.md); it then needs no deployments.</summary>
    public ClassifyConfig? Classify { get; set; }

    /// <summary>Racing, hedging or combining several models (docs/strategies.md); null serves each request from one deployment at a time.</summary>
    public StrategyConfig? Strategy { get; set; }

    /// <summary>When a started stream breaks, resend to the next deployment with the partial answer as assistant prefill and keep streaming.</summary>
    public bool ContinueOnCut { get; set; }

    /// <summary>Deployments, in priority order.</summary>
    public IReadOnlyList<DeploymentConfig> Deployments { get; set; } = [];
}
