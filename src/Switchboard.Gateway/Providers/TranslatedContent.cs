using System.Net;
using System.Net.Http.Headers;

namespace Switchboard.Gateway.Providers;

/// <summary>
/// Response content produced from the provider's native content when it is read: the relay reads it
/// like any upstream body, and the translation runs lazily in that read (streams event by event).
/// Read errors of the native content surface as the same IOException/HttpRequestException the relay
/// already handles as a broken connection or a cut stream.
/// </summary>
internal sealed class TranslatedContent : HttpContent
{
    private readonly HttpContent _native;
    private readonly Func<Stream, CancellationToken, Task<Stream>> _translate;

    public TranslatedContent(HttpContent native, string mediaType, Func<Stream, CancellationToken, Task<Stream>> translate)
    {
        _native = native;
        _translate = translate;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
    }

    /// <summary>Whole-body translation: the native body is read completely, then turned into the returned bytes.</summary>
    public static TranslatedContent Json(HttpContent native, Func<byte[], byte[]> translate) =>
        new(native, "application/json", async (stream, cancellationToken) =>
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return new MemoryStream(translate(buffer.ToArray()));
        });

    /// <summary>Replaces a response's content with a ready OpenAI JSON body (errors), keeping nothing of the native one.</summary>
    public static void Replace(HttpResponseMessage response, byte[] json, HttpStatusCode? status = null)
    {
        var native = response.Content;
        response.Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        native.Dispose();
        if (status is { } mapped)
        {
            response.StatusCode = mapped;
        }
    }

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        await _translate(await _native.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        using var translated = await CreateContentReadStreamAsync().ConfigureAwait(false);
        await translated.CopyToAsync(stream).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _native.Dispose();
        }

        base.Dispose(disposing);
    }
}
