using System.Text;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Tests.Protocol;

public sealed class ResponseScannerTests
{
    [Fact]
    public void Scan_ChatCompletion_ReadsUsageDetailsFinishReasonAndModel()
    {
        const string json = """
            {"id":"x","model":"gpt-4o-2024","choices":[{"index":0,"message":{"content":"{\"usage\":1}"},"finish_reason":"length"}],
             "usage":{"prompt_tokens":12,"completion_tokens":30,"total_tokens":42,
                      "prompt_tokens_details":{"cached_tokens":4,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":10}},"extra":[1,2]}
            """;
        var report = new UsageReport();

        var choices = ResponseScanner.Scan(Encoding.UTF8.GetBytes(json), report, out var hasUsage);

        Assert.Equal(1, choices);
        Assert.True(hasUsage);
        Assert.Equal(12, report.InputTokens);
        Assert.Equal(30, report.OutputTokens);
        Assert.Equal(4, report.CachedTokens);
        Assert.Equal(10, report.ReasoningTokens);
        Assert.Equal("length", report.FinishReason);
        Assert.Equal("gpt-4o-2024", report.ResponseModel);
    }

    [Fact]
    public void Scan_UsageOnlyChunk_HasNoChoices()
    {
        var report = new UsageReport();

        var choices = ResponseScanner.Scan("""{"choices":[],"usage":{"prompt_tokens":3,"completion_tokens":4}}"""u8, report, out var hasUsage);

        Assert.Equal(0, choices);
        Assert.True(hasUsage);
        Assert.Equal(4, report.OutputTokens);
    }

    [Fact]
    public void Scan_NullUsage_IsNotUsage()
    {
        var report = new UsageReport();

        ResponseScanner.Scan("""{"choices":[{"delta":{},"finish_reason":null}],"usage":null}"""u8, report, out var hasUsage);

        Assert.False(hasUsage);
        Assert.Null(report.FinishReason);
    }

    [Fact]
    public void Scan_MalformedJson_StopsQuietly()
    {
        var report = new UsageReport();

        var choices = ResponseScanner.Scan("""{"usage":{"prompt_tokens":5,"""u8, report, out _);

        Assert.Equal(-1, choices);
        Assert.Equal(5, report.InputTokens);
    }
}
