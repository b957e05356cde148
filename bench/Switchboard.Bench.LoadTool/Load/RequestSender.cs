using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Switchboard.Bench.LoadTool.Load;

/// <summary>
/// Sends one request at a time and reads the response to its end into a reused buffer. One per worker:
/// not thread-safe. The invoker is shared; its handler holds one pooled connection per worker.
/// </summary>
internal sealed class RequestSender(HttpMessageInvoker invoker, LoadOptions options)
{
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly SseScanner _scanner = new();

    public async Task<ExchangeResult> SendAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(options.Body),
        };
        foreach (var header in options.Headers)
        {
            if (header.IsContentHeader)
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            }
        }

        // HttpMessageInvoker returns at the response headers and never buffers the body.
        using var response = await invoker.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        if (!options.Sse)
        {
            while (await body.ReadAsync(_buffer, cancellationToken) > 0)
            {
            }

            return new ExchangeResult(status, 0, 0, Classify(status));
        }

        _scanner.Reset();
        long firstEvent = 0;
        int read;
        while ((read = await body.ReadAsync(_buffer, cancellationToken)) > 0)
        {
            _scanner.Feed(_buffer.AsSpan(0, read));
            if (firstEvent == 0 && _scanner.Events > 0)
            {
                firstEvent = Stopwatch.GetTimestamp();
            }
        }

        var failure = Classify(status) ?? (_scanner.Events == 0 ? "sse_no_events" : _scanner.EndsWithDone ? null : "sse_no_done");
        return new ExchangeResult(status, firstEvent, _scanner.Events, failure);
    }

    private static string? Classify(int status) =>
        status is >= 200 and < 300 ? null : string.Create(CultureInfo.InvariantCulture, $"http_{status}");
}
