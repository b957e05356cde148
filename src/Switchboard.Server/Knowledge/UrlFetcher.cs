using System.Net;
using System.Net.Sockets;
using Switchboard.Knowledge;
using Switchboard.Knowledge.Ingestion;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// Fetches a web page or file for URL ingestion. Loopback, private, link-local and other non-public addresses are
/// refused unless <c>knowledge.allowPrivateUrls</c> is set; the check runs on the address actually connected to
/// (every redirect and every DNS answer), so a public name resolving to 127.0.0.1 cannot reach internal services.
/// Thread-safe.
/// </summary>
internal sealed class UrlFetcher
{
    private const int MaxRedirects = 5;

    private readonly HttpClient _public;
    private readonly HttpClient _any;

    public UrlFetcher()
    {
        _public = CreateClient(allowPrivate: false);
        _any = CreateClient(allowPrivate: true);
    }

    /// <summary>The fetched content as a file name and a stream; throws <see cref="IntakeException"/> naming the problem.</summary>
    public async Task<(string FileName, string? ContentType, Stream Content)> FetchAsync(string url, KnowledgeOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new IntakeException(400, "The field 'url' must be an absolute http or https URL.");
        }

        HttpResponseMessage response;
        try
        {
            response = await (options.AllowPrivateUrls ? _any : _public).GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.InnerException is BlockedAddressException blocked)
        {
            throw new IntakeException(400, blocked.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new IntakeException(502, $"Could not fetch {uri}: {ex.Message}");
        }

        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new IntakeException(502, $"Fetching {uri} returned HTTP {(int)response.StatusCode}.");
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        return (FileName(uri, contentType), contentType, stream);
    }

    private static string FileName(Uri uri, string? contentType)
    {
        var name = Path.GetFileName(uri.AbsolutePath);
        var extension = contentType switch
        {
            "text/html" or "application/xhtml+xml" => ".html",
            "application/pdf" => ".pdf",
            "text/markdown" => ".md",
            "text/plain" => ".txt",
            "text/csv" => ".csv",
            "application/json" => ".json",
            _ => null,
        };
        if (string.IsNullOrEmpty(name))
        {
            name = uri.Host;
        }

        return extension is not null && !name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) && Path.GetExtension(name).Length == 0
            ? name + extension
            : extension is ".html" && Path.GetExtension(name) is not (".html" or ".htm") ? name + ".html" : name;
    }

    private static HttpClient CreateClient(bool allowPrivate)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
                foreach (var address in addresses)
                {
                    if (!allowPrivate && !IsPublic(address))
                    {
                        throw new BlockedAddressException(
                            $"The URL's host {context.DnsEndPoint.Host} resolves to {address}, a private or local address; set knowledge.allowPrivateUrls to allow it.");
                    }
                }

                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Whether <paramref name="address"/> is a routable public address (not loopback, private, link-local, CGNAT, multicast…).</summary>
    internal static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254)
                || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224);
        }

        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
    }

    private sealed class BlockedAddressException(string message) : IOException(message);
}
