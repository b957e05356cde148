using Microsoft.Extensions.Primitives;

namespace Switchboard.Gateway.Endpoints;

/// <summary>Request ids: the caller's <c>x-request-id</c> when it is a sane token (for end-to-end correlation), else a new one.</summary>
internal static class RequestIds
{
    private const int MaxLength = 128;

    public static string FromHeaderOrNew(StringValues header)
    {
        var value = header.Count == 1 ? header[0] : null;
        return value is { Length: > 0 and <= MaxLength } && IsToken(value) ? value : New();
    }

    public static string New() => string.Create(28, 0, static (span, _) =>
    {
        "req_".CopyTo(span);
        // Unique, not secret: the shared PRNG is enough and avoids a crypto call per request.
        Span<byte> random = stackalloc byte[12];
        Random.Shared.NextBytes(random);
        Convert.TryToHexStringLower(random, span[4..], out _);
    });

    private static bool IsToken(string value)
    {
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
