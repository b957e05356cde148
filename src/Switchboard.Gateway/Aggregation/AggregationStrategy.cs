namespace Switchboard.Gateway.Aggregation;

/// <summary>The kinds of <see cref="AggregationStrategy"/>; names as written in config and in the request extension.</summary>
internal enum StrategyKind
{
    /// <summary>One deployment at a time, the next only after a failure.</summary>
    Single,

    /// <summary>Race several deployments; the first to answer is relayed, the rest cancelled.</summary>
    Fastest,

    /// <summary>Start a second deployment when the first has not answered after a threshold.</summary>
    Hedge,

    /// <summary>Ask several models; a judge (or a vote) makes one answer of theirs.</summary>
    Consensus,

    /// <summary>Ask several models; return all answers as choices.</summary>
    Compare,
}

/// <summary>
/// How a request is served when several models take part, resolved from the alias's config or the
/// request's <c>switchboard</c> extension. Immutable.
/// </summary>
/// <param name="Kind">Which strategy.</param>
/// <param name="FanOut">Deployments raced or hedged at once at most; members asked (null: all).</param>
/// <param name="HedgeAfter">Fixed hedge threshold; null: the first deployment's estimated p95.</param>
/// <param name="Members">Aliases asked by consensus and compare; empty: the alias's own deployments.</param>
/// <param name="Judge">The alias that synthesises the consensus; null: majority vote.</param>
internal sealed record AggregationStrategy(StrategyKind Kind, int? FanOut, TimeSpan? HedgeAfter, IReadOnlyList<string> Members, string? Judge)
{
    public static readonly AggregationStrategy Single = new(StrategyKind.Single, null, null, [], null);

    /// <summary>How many attempts race or hedge at once when nothing says otherwise.</summary>
    public const int DefaultRaceFanOut = 2;

    /// <summary>Never more members than this in one request: each one is a paid upstream call.</summary>
    public const int MaxFanOut = 8;

    public static readonly IReadOnlyDictionary<string, StrategyKind> ByName = new Dictionary<string, StrategyKind>(StringComparer.Ordinal)
    {
        ["single"] = StrategyKind.Single,
        ["fastest"] = StrategyKind.Fastest,
        ["hedge"] = StrategyKind.Hedge,
        ["consensus"] = StrategyKind.Consensus,
        ["compare"] = StrategyKind.Compare,
    };

    /// <summary>Whether the answers of several models are collected and combined (rather than one relayed).</summary>
    public bool Collects => Kind is StrategyKind.Consensus or StrategyKind.Compare;

    public string Name => Kind.ToString().ToLowerInvariant();
}
