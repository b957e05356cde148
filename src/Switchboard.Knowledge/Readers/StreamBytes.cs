using System.Globalization;

namespace Switchboard.Knowledge.Readers;

/// <summary>Reads a whole upload into memory, refusing one larger than the limit before it is all read.</summary>
internal static class StreamBytes
{
    public static byte[] ReadAll(Stream content, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);

        // The registry hands readers a memory stream over the whole upload: no need to copy it again.
        if (content is MemoryStream { CanSeek: true, Position: 0 } memory && memory.TryGetBuffer(out var whole)
            && whole.Offset == 0 && whole.Count == whole.Array!.Length)
        {
            ThrowIfTooLarge(whole.Count, maxBytes);
            return whole.Array;
        }

        if (content.CanSeek)
        {
            var remaining = content.Length - content.Position;
            ThrowIfTooLarge(remaining, maxBytes);
            var bytes = new byte[remaining];
            content.ReadExactly(bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfTooLarge(buffer.Length + read, maxBytes);
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static void ThrowIfTooLarge(long length, long maxBytes)
    {
        if (length > maxBytes)
        {
            throw new DocumentReadException(string.Create(CultureInfo.InvariantCulture,
                $"The file is larger than the {Megabytes(maxBytes)} limit for documents."));
        }
    }

    /// <summary>A size for people: "256 MB", "1.5 MB", "12 KB", "900 bytes".</summary>
    public static string Megabytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };
}
