using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Server.Usage.Analytics;

/// <summary>Writes an <see cref="AnalyticsReport"/> as JSON (snake_case) or as CSV (one line per series point).</summary>
internal static class AnalyticsWriter
{
    public static async Task WriteJsonAsync(HttpResponse response, AnalyticsReport report, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(response.BodyWriter))
        {
            var query = report.Query;
            json.WriteStartObject();
            json.WriteString("from"u8, query.From.UtcDateTime);
            json.WriteString("to"u8, query.To.UtcDateTime);
            json.WriteString("interval"u8, query.Interval);
            WriteNullable(json, "group_by"u8, query.GroupBy);
            WriteNullable(json, "tenant"u8, query.Tenant);
            json.WritePropertyName("totals"u8);
            WriteMetrics(json, report.Totals);
            json.WriteStartArray("series"u8);
            foreach (var point in report.Series)
            {
                json.WriteStartObject();
                json.WriteString("bucket"u8, point.Bucket.UtcDateTime);
                if (query.GroupBy is not null)
                {
                    WriteNullable(json, "group"u8, point.Group);
                }

                WriteMetricFields(json, point.Metrics);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("breakdown"u8);
            foreach (var group in report.Breakdown)
            {
                json.WriteStartObject();
                WriteNullable(json, "group"u8, group.Group);
                WriteMetricFields(json, group.Metrics);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Header <c>bucket,group,requests,…,cost_rub,cost_usd</c>, one line per series point, RFC 4180 quoting.</summary>
    public static string Csv(AnalyticsReport report)
    {
        var currencies = report.Currencies;
        var csv = new StringBuilder("bucket,group,requests,errors,error_rate,tokens_in,tokens_out,latency_p50_ms,latency_p95_ms,active_users,active_keys");
        foreach (var currency in currencies)
        {
            csv.Append(",cost_").Append(currency.ToLowerInvariant());
        }

        csv.Append("\r\n");
        foreach (var point in report.Series)
        {
            var m = point.Metrics;
            csv.Append(point.Bucket.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Quote(point.Group)).Append(',')
                .Append(m.Requests.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.Errors.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.ErrorRate.ToString("0.####", CultureInfo.InvariantCulture)).Append(',')
                .Append(m.TokensIn.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.TokensOut.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.LatencyP50Ms?.ToString("0.###", CultureInfo.InvariantCulture)).Append(',')
                .Append(m.LatencyP95Ms?.ToString("0.###", CultureInfo.InvariantCulture)).Append(',')
                .Append(m.ActiveUsers.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(m.ActiveKeys.ToString(CultureInfo.InvariantCulture));
            foreach (var currency in currencies)
            {
                csv.Append(',').Append(m.Cost.GetValueOrDefault(currency).ToString(CultureInfo.InvariantCulture));
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    private static void WriteMetrics(Utf8JsonWriter json, AnalyticsMetrics metrics)
    {
        json.WriteStartObject();
        WriteMetricFields(json, metrics);
        json.WriteEndObject();
    }

    private static void WriteMetricFields(Utf8JsonWriter json, AnalyticsMetrics m)
    {
        json.WriteNumber("requests"u8, m.Requests);
        json.WriteNumber("errors"u8, m.Errors);
        json.WriteNumber("error_rate"u8, Math.Round(m.ErrorRate, 4));
        json.WriteNumber("tokens_in"u8, m.TokensIn);
        json.WriteNumber("tokens_out"u8, m.TokensOut);
        json.WriteStartObject("cost"u8);
        foreach (var (currency, amount) in m.Cost.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(currency, amount);
        }

        json.WriteEndObject();
        WriteNullable(json, "latency_p50_ms"u8, m.LatencyP50Ms);
        WriteNullable(json, "latency_p95_ms"u8, m.LatencyP95Ms);
        json.WriteNumber("active_users"u8, m.ActiveUsers);
        json.WriteNumber("active_keys"u8, m.ActiveKeys);
    }

    private static void WriteNullable(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, Math.Round(number, 3));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string Quote(string? value) =>
        value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
