namespace Switchboard.Server.Usage.Storage;

/// <summary>
/// A usage-ledger row (table <c>usage_records</c>): one per request and per in-process model call. Cost is stored
/// as whole nano-units (10⁻⁹) of <see cref="Currency"/>, so every database sums it exactly. Ids are text, as the
/// gateway knows them. Rows are only inserted and, after the retention period, deleted.
/// </summary>
internal sealed class UsageRecord
{
    public Guid Id { get; set; }

    public required string RequestId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Unix hours of <see cref="OccurredAt"/>: the time bucket analytics group by (days are hour / 24).</summary>
    public long Hour { get; set; }

    public string? TenantId { get; set; }

    public string? TeamId { get; set; }

    public string? UserId { get; set; }

    public string? KeyId { get; set; }

    public required string Operation { get; set; }

    public string? Alias { get; set; }

    public string? Deployment { get; set; }

    public string? Provider { get; set; }

    public bool Stream { get; set; }

    public int Status { get; set; }

    public string? ErrorType { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? CachedTokens { get; set; }

    public int? ReasoningTokens { get; set; }

    /// <summary>Cost in nano-units of <see cref="Currency"/>; null when a price could not be converted into it.</summary>
    public long? CostNanos { get; set; }

    public required string Currency { get; set; }

    public bool UsageEstimated { get; set; }

    public double LatencyMs { get; set; }

    public double? TtftMs { get; set; }

    public required string Source { get; set; }
}
