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

    public void CopyFrom(UsageReport other)
    {
        InputTokens = other.InputTokens;
        OutputTokens = other.OutputTokens;
        CachedTokens = other.CachedTokens;
        ReasoningTokens = other.ReasoningTokens;
        FinishReason = other.FinishReason;
        ResponseModel = other.ResponseModel;
    }

    /// <summary>Adds another call's tokens (several models answering one request: all of them are used, and paid for).</summary>
    public void Add(UsageReport other)
    {
        InputTokens = Sum(InputTokens, other.InputTokens);
        OutputTokens = Sum(OutputTokens, other.OutputTokens);
        CachedTokens = Sum(CachedTokens, other.CachedTokens);
        ReasoningTokens = Sum(ReasoningTokens, other.ReasoningTokens);
    }

    private static int? Sum(int? a, int? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);
}
