using System.Globalization;
using System.IO.Compression;

namespace Switchboard.Knowledge.Readers.Office;

/// <summary>
/// Opens the zip package of a DOCX, XLSX or PPTX only after checking its central directory against zip bombs: the
/// declared sizes of all parts together must stay within <see cref="ReaderLimits.MaxDecompressedBytes"/>, no part over
/// 1 MiB may be compressed more than <see cref="MaxCompressionRatio"/>:1, and there may be at most
/// <see cref="MaxEntries"/> parts. Checking declared sizes is enough because .NET's zip reader never inflates an entry
/// beyond its declared size. Stateless and thread-safe.
/// </summary>
internal static class OfficePackage
{
    /// <summary>Text-heavy Office XML compresses 5–30:1; a deflate bomb reaches about 1000:1.</summary>
    public const int MaxCompressionRatio = 200;

    public const int MaxEntries = 10_000;

    private const long RatioCheckMinimum = 1024 * 1024;

    /// <summary>The package as a seekable stream, positioned at its start, after the checks passed.</summary>
    public static MemoryStream Open(Stream content, ReaderLimits limits, string format, CancellationToken cancellationToken)
    {
        var bytes = StreamBytes.ReadAll(content, limits.MaxDecompressedBytes, cancellationToken);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            throw new DocumentReadException(
                $"The {format} file is password-protected or in the old binary Office format; save it without a password in the current format and upload it again.");
        }

        var package = new MemoryStream(bytes, writable: false);
        Check(package, limits, format);
        package.Position = 0;
        return package;
    }

    private static void Check(MemoryStream package, ReaderLimits limits, string format)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException($"The file is not a valid {format} file (it is not a readable zip package).", ex);
        }

        using (zip)
        {
            if (zip.Entries.Count > MaxEntries)
            {
                throw new DocumentReadException(string.Create(CultureInfo.InvariantCulture,
                    $"The {format} file has {zip.Entries.Count:N0} parts, more than the {MaxEntries:N0} a document may have."));
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
            }

            if (total > limits.MaxDecompressedBytes)
            {
                throw new DocumentReadException(
                    $"The {format} file unpacks to {StreamBytes.Megabytes(total)}, more than the {StreamBytes.Megabytes(limits.MaxDecompressedBytes)} limit (MaxDecompressedBytes); it may be a zip bomb.");
            }

            foreach (var entry in zip.Entries)
            {
                if (entry.Length > RatioCheckMinimum && entry.Length > entry.CompressedLength * MaxCompressionRatio)
                {
                    throw new DocumentReadException(string.Create(CultureInfo.InvariantCulture,
                        $"The {format} file's part '{entry.FullName}' is compressed {entry.Length / Math.Max(1, entry.CompressedLength):N0}:1, beyond the {MaxCompressionRatio}:1 limit for documents; it looks like a zip bomb."));
                }
            }
        }
    }
}
