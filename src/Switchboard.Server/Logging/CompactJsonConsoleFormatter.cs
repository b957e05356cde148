using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Switchboard.Server.Logging;

/// <summary>
/// <c>--log-format json</c>: one flat JSON object per line — <c>ts</c>, <c>level</c>, <c>category</c>,
/// <c>event</c>, then every named field of the message as a top-level property. Structured
/// information-level entries (the per-request line) skip the rendered <c>msg</c>: rendering the message
/// template costs more than the rest of the line and repeats the fields. Stateless and thread-safe.
/// </summary>
internal sealed class CompactJsonConsoleFormatter(TimeProvider time) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "switchboard-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("ts"u8, time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
            json.WriteString("level"u8, LevelName(logEntry.LogLevel));
            json.WriteString("category"u8, logEntry.Category);
            json.WriteNumber("event"u8, logEntry.EventId.Id);

            var fields = 0;
            if (logEntry.State is IReadOnlyList<KeyValuePair<string, object?>> properties)
            {
                foreach (var (name, value) in properties)
                {
                    if (name != "{OriginalFormat}")
                    {
                        WriteField(json, name, value);
                        fields++;
                    }
                }
            }

            if (fields == 0 || logEntry.LogLevel >= LogLevel.Warning)
            {
                json.WriteString("msg"u8, logEntry.Formatter(logEntry.State, logEntry.Exception));
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception"u8, exception.ToString());
            }

            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write('\n');
    }

    private static void WriteField(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case double number when double.IsFinite(number):
                json.WriteNumber(name, Math.Round(number, 3));
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            default:
                json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "none",
    };
}
