namespace Switchboard.Gateway.Configuration;

/// <summary>
/// How an alias serves a request when one deployment at a time is not the point (docs/strategies.md):
/// race several deployments (<c>fastest</c>), start a second one when the first is slow to answer
/// (<c>hedge</c>), ask several models and combine their answers (<c>consensus</c>), or return them all
/// side by side (<c>compare</c>).
/// </summary>
public sealed record StrategyConfig
{
    /// <summary><c>single</c> (default), <c>fastest</c>, <c>hedge</c>, <c>consensus</c> or <c>compare</c>.</summary>
    public string Type { get; set; } = "single";

    /// <summary>How many deployments (or members) run at once: raced, hedged or asked. Default 2; for consensus and compare, all members.</summary>
    public int? FanOut { get; set; }

    /// <summary>For <c>hedge</c>: how long the first attempt may go without its first token before a second starts; default: that deployment's estimated p95.</summary>
    public int? HedgeAfterMs { get; set; }

    /// <summary>For <c>consensus</c> and <c>compare</c>: aliases asked instead of this alias's own deployments.</summary>
    public IReadOnlyList<string> Members { get; set; } = [];

    /// <summary>For <c>consensus</c>: the alias that synthesises one answer from the members' answers; without it the answers are put to a majority vote.</summary>
    public string? Judge { get; set; }
}
