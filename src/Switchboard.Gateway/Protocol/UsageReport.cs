namespace Switchboard.Gateway.Protocol;

/// <summary>Token usage and finish reason captured from an upstream response. Owned by one request.</summary>
internal sealed class UsageReport
{
    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    public int? CachedTokens { get; set; }

    public int? ReasoningTokens { get; set; }

    public string? FinishReason { get; set; }

    public string? ResponseModel { get; set; }
}
