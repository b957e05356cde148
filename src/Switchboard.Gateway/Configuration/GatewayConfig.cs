namespace Switchboard.Gateway.Configuration;

/// <summary>
/// The gateway configuration file as written by the operator: providers, model aliases and gateway limits.
/// A new instance is read on every reload and never changed afterwards (setters exist for the JSON
/// source generator, which would reset defaults of init-only properties). See docs/configuration.md.
/// </summary>
public sealed record GatewayConfig
{
    public GatewayOptions Gateway { get; set; } = new();

    public IReadOnlyList<ProviderConfig> Providers { get; set; } = [];

    public IReadOnlyList<ModelRouteConfig> Models { get; set; } = [];

    /// <summary>Knowledge-base settings (docs/knowledge.md).</summary>
    public KnowledgeConfig Knowledge { get; set; } = new();

    /// <summary>Rate limits and budgets: store and estimates (docs/limits-and-budgets.md).</summary>
    public LimitsConfig Limits { get; set; } = new();

    /// <summary>Exchange rates and the default billing currency (docs/limits-and-budgets.md).</summary>
    public PricesConfig Prices { get; set; } = new();

    /// <summary>The usage ledger (docs/usage-analytics.md).</summary>
    public UsageConfig Usage { get; set; } = new();
}
