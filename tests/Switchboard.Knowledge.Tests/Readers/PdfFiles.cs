using System.Globalization;
using System.Text;

namespace Switchboard.Knowledge.Tests.Readers;

/// <summary>
/// Writes a one-page PDF by hand for text the sample PDFs lack (Russian): a TrueType font (not embedded) with
/// explicit widths, every non-ASCII character given a one-byte code and mapped back to Unicode by a ToUnicode CMap,
/// as PDF producers do. (PdfPig ignores ToUnicode for the standard 14 fonts, hence TrueType.)
/// </summary>
internal static class PdfFiles
{
    public static byte[] OnePage(params (string Text, double Size, double X, double Y)[] lines)
    {
        var codes = new Dictionary<char, int>();
        foreach (var c in lines.SelectMany(l => l.Text).Where(c => c > 126).Distinct())
        {
            codes[c] = 0x80 + codes.Count;
        }

        var content = new StringBuilder();
        foreach (var (text, size, x, y) in lines)
        {
            var hex = string.Concat(text.Select(c => (codes.TryGetValue(c, out var code) ? code : c).ToString("X2", CultureInfo.InvariantCulture)));
            content.Append(CultureInfo.InvariantCulture, $"BT /F1 {size} Tf {x} {y} Td <{hex}> Tj ET\n");
        }

        var cmap = new StringBuilder("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Test def\n1 begincodespacerange <00> <FF> endcodespacerange\n");
        cmap.Append(CultureInfo.InvariantCulture, $"{codes.Count} beginbfchar\n");
        foreach (var (c, code) in codes)
        {
            cmap.Append(CultureInfo.InvariantCulture, $"<{code:X2}> <{(int)c:X4}>\n");
        }

        cmap.Append("endbfchar\nendcmap CMapName currentdict /CMap defineresource pop end end");
        var widths = string.Join(" ", Enumerable.Repeat("556", 256 - 32));
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            $"<< /Type /Font /Subtype /TrueType /BaseFont /ArialMT /FirstChar 32 /LastChar 255 /Widths [{widths}] /FontDescriptor 7 0 R /ToUnicode 6 0 R >>",
            Stream(content.ToString()),
            Stream(cmap.ToString()),
            "<< /Type /FontDescriptor /FontName /ArialMT /Flags 32 /FontBBox [-665 -325 2000 1006] /ItalicAngle 0 /Ascent 905 /Descent -212 /CapHeight 716 /StemV 80 >>",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    private static string Stream(string data) => $"<< /Length {data.Length} >>\nstream\n{data}\nendstream";
}
