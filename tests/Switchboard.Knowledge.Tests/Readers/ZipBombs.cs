using System.IO.Compression;
using System.Text;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>Zip packages that inflate to far more than they weigh.</summary>
internal static class ZipBombs
{
    /// <summary>A zip package with a <c>word/document.xml</c> of <paramref name="spaces"/> spaces, deflated.</summary>
    public static byte[] OfSpaces(long spaces, string entry = "word/document.xml")
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open(), Encoding.UTF8))
            {
                types.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>""");
            }

            using var content = zip.CreateEntry(entry, CompressionLevel.SmallestSize).Open();
            var block = Encoding.ASCII.GetBytes(new string(' ', 1 << 16));
            for (long written = 0; written < spaces; written += block.Length)
            {
                content.Write(block, 0, (int)Math.Min(block.Length, spaces - written));
            }
        }

        return stream.ToArray();
    }
}
