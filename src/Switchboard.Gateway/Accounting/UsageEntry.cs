namespace Switchboard.Gateway.Accounting;

/// <summary>
/// One row of the usage ledger: who asked what of which deployment, the tokens it used, what it cost and how it
/// went. Written once per request (and per in-process model call) when it ends. Immutable.
/// </summary>
public sealed record UsageEntry
{
    /// <summary>Unique row id (a version-7 GUID: ordered by time); retried writes use it to skip rows already stored.</summary>
    public required Guid Id { get; init; }

    public required string RequestId { get; init; }

    /// <summary>When the request ended (UTC).</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    public string? TenantId { get; init; }

    public string? TeamId { get; init; }

    public string? UserId { get; init; }

    public string? KeyId { get; init; }

    /// <summary><c>chat</c>, <c>text_completion</c> or <c>embeddings</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>The model alias the caller asked for.</summary>
    public string? Alias { get; init; }

    public string? Deployment { get; init; }

    public string? Provider { get; init; }

    public bool Stream { get; init; }

    public int Status { get; init; }

    /// <summary>Why the request failed (<c>timeout</c>, <c>rate_limited</c>, <c>budget_exceeded</c>, <c>client_cancelled</c>…); null on success.</summary>
    public string? ErrorType { get; init; }

    public int? InputTokens { get; init; }

    public int? OutputTokens { get; init; }

    public int? CachedTokens { get; init; }

    public int? ReasoningTokens { get; init; }

    /// <summary>The cost in <see cref="Currency"/>; null when a deployment's price could not be converted into it.</summary>
    public decimal? Cost { get; init; }

    public required string Currency { get; init; }

    /// <summary>True when the upstream reported no usage (a cut or cancelled stream) and the tokens are the gateway's estimate.</summary>
    public bool UsageEstimated { get; init; }

    public double LatencyMs { get; init; }

    /// <summary>Time to the first streamed byte; null for non-streamed requests and streams that sent nothing.</summary>
    public double? TtftMs { get; init; }

    /// <summary><c>api</c> (a client of <c>/v1</c>) or <c>internal</c> (the knowledge base's own calls).</summary>
    public required string Source { get; init; }
}
