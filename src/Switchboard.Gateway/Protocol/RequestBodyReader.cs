using Microsoft.AspNetCore.Http;

namespace Switchboard.Gateway.Protocol;

/// <summary>Reads a request body into a pooled buffer, refusing bodies over the configured limit.</summary>
internal static class RequestBodyReader
{
    public static async ValueTask<(PooledBuffer? Body, OpenAiError? Error)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (null, OpenAiError.BodyTooLarge(limit));
        }

        var buffer = new PooledBuffer((int)(request.ContentLength + 1 ?? 4096));
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAsync(buffer.GetMemory(request.ContentLength is null ? 4096 : 1), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                buffer.Advance(read);
                if (buffer.Length > limit)
                {
                    buffer.Dispose();
                    return (null, OpenAiError.BodyTooLarge(limit));
                }
            }

            return (buffer, null);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
}
