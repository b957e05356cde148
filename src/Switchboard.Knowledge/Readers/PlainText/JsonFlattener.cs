using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Switchboard.Knowledge.Readers.PlainText;

/// <summary>
/// Writes a JSON value as readable <c>path: value</c> lines (<c>items[2].name: Anna</c>), strings unescaped, so that
/// both keys and values are searchable words. Empty objects and arrays are written as <c>{}</c> and <c>[]</c>.
/// </summary>
internal static class JsonFlattener
{
    public static void Append(StringBuilder lines, string path, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in value.EnumerateObject())
                {
                    any = true;
                    Append(lines, Join(path, property.Name), property.Value);
                }

                if (!any)
                {
                    Line(lines, path, "{}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Append(lines, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", item);
                    index++;
                }

                if (index == 0)
                {
                    Line(lines, path, "[]");
                }

                break;
            case JsonValueKind.String:
                Line(lines, path, BlockText.SingleLine(value.GetString()));
                break;
            default:
                Line(lines, path, value.GetRawText());
                break;
        }
    }

    public static bool IsScalar(JsonElement value) => value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array);

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static void Line(StringBuilder lines, string path, string value)
    {
        if (lines.Length > 0)
        {
            lines.Append('\n');
        }

        lines.Append(path.Length == 0 ? "value" : path).Append(": ").Append(value);
    }
}
