using System.Text;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// An RFC 4180 record reader that forgives: fields may be quoted (<c>""</c> escapes a quote, line breaks allowed
/// inside), a stray quote inside an unquoted field is kept as text, rows may have any number of fields, and
/// <c>\r\n</c>, <c>\n</c> and <c>\r</c> all end a record.
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<string[]> Read(string text, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var quotedField = text[i] == '"';
            if (quotedField)
            {
                i = ReadQuoted(text, i + 1, field);
            }

            // Unquoted text, or whatever follows a closing quote, up to the delimiter or line end.
            while (i < text.Length && text[i] != delimiter && text[i] is not ('\n' or '\r'))
            {
                field.Append(text[i++]);
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == delimiter)
            {
                i++;
                if (i == text.Length)
                {
                    fields.Add("");
                }

                continue;
            }

            i += i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n' ? 2 : 1;
            yield return fields.ToArray();
            fields.Clear();
        }

        if (fields.Count > 0)
        {
            yield return fields.ToArray();
        }
    }

    /// <summary>Reads a quoted field's content from just after the opening quote; returns the index after the closing quote.</summary>
    private static int ReadQuoted(string text, int i, StringBuilder field)
    {
        while (i < text.Length)
        {
            var c = text[i++];
            if (c != '"')
            {
                field.Append(c);
            }
            else if (i < text.Length && text[i] == '"')
            {
                field.Append('"');
                i++;
            }
            else
            {
                return i;
            }
        }

        return i;
    }
}
