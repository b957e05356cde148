using System.IO.Compression;

namespace Switchboard.Knowledge.Readers;

/// <summary>
/// Guesses a file's type from its first bytes when its extension says nothing we know: <c>%PDF</c> is a PDF, and a zip
/// package (<c>PK</c>) is a DOCX, XLSX or PPTX when it holds a <c>word/</c>, <c>xl/</c> or <c>ppt/</c> part.
/// </summary>
internal static class FileTypeSniffer
{
    /// <summary>The extension (".pdf") the content looks like, or null. Leaves the stream at its start.</summary>
    public static string? Sniff(Stream content)
    {
        Span<byte> head = stackalloc byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        head = head[..read];
        if (head.IndexOf("%PDF-"u8) is >= 0 and < 4)
        {
            return ".pdf";
        }

        return head.StartsWith("PK\u0003\u0004"u8) ? OfficeKind(content) : null;
    }

    private static string? OfficeKind(Stream content)
    {
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                var kind = entry.FullName switch
                {
                    var n when n.StartsWith("word/", StringComparison.Ordinal) => ".docx",
                    var n when n.StartsWith("xl/", StringComparison.Ordinal) => ".xlsx",
                    var n when n.StartsWith("ppt/", StringComparison.Ordinal) => ".pptx",
                    _ => null,
                };
                if (kind is not null)
                {
                    return kind;
                }
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            content.Position = 0;
        }
    }
}
