using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Switchboard.Server.Logging;

namespace Switchboard.Server.Tests.Logging;

public sealed class CompactJsonConsoleFormatterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 30, 15, 250, TimeSpan.Zero);

    [Fact]
    public void Write_StructuredInfoEntry_PutsFieldsAtTopLevelWithoutMessage()
    {
        var state = new List<KeyValuePair<string, object?>>
        {
            new("RequestId", "req_1"), new("Status", 200), new("UpstreamMs", 12.34567), new("ErrorType", null),
            new("{OriginalFormat}", "{RequestId} status={Status}"),
        };

        var line = Format(LogLevel.Information, 100, state, null);

        Assert.Equal("2026-11-24T12:30:15.250Z", line["ts"]!.GetValue<string>());
        Assert.Equal("info", line["level"]!.GetValue<string>());
        Assert.Equal("Test.Category", line["category"]!.GetValue<string>());
        Assert.Equal(100, line["event"]!.GetValue<int>());
        Assert.Equal("req_1", line["RequestId"]!.GetValue<string>());
        Assert.Equal(200, line["Status"]!.GetValue<int>());
        Assert.Equal(12.346, line["UpstreamMs"]!.GetValue<double>());
        Assert.Null(line["ErrorType"]);
        Assert.True(line.AsObject().ContainsKey("ErrorType"));
        Assert.False(line.AsObject().ContainsKey("msg"));
        Assert.False(line.AsObject().ContainsKey("{OriginalFormat}"));
    }

    [Fact]
    public void Write_WarningWithException_KeepsMessageAndException()
    {
        var state = new List<KeyValuePair<string, object?>> { new("Reason", "боль"), new("{OriginalFormat}", "Failed: {Reason}") };

        var line = Format(LogLevel.Warning, 7, state, new InvalidOperationException("broken"));

        Assert.Equal("warn", line["level"]!.GetValue<string>());
        Assert.Equal("rendered", line["msg"]!.GetValue<string>());
        Assert.Equal("боль", line["Reason"]!.GetValue<string>());
        Assert.Contains("InvalidOperationException: broken", line["exception"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PlainMessage_KeepsMessage()
    {
        var line = Format(LogLevel.Information, 0, "just text", null);

        Assert.Equal("rendered", line["msg"]!.GetValue<string>());
    }

    private static JsonNode Format<TState>(LogLevel level, int eventId, TState state, Exception? exception)
    {
        var formatter = new CompactJsonConsoleFormatter(new FixedTime());
        using var output = new StringWriter();
        formatter.Write(new LogEntry<TState>(level, "Test.Category", new EventId(eventId), state, exception, (_, _) => "rendered"), null, output);
        var text = output.ToString();
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonNode.Parse(text)!;
    }

    private sealed class FixedTime : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
