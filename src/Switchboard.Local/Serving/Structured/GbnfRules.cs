using System.Globalization;
using System.Text;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// The rules of one GBNF grammar being built: names are made GBNF-safe and unique (a rule with the same
/// name and the same body is shared), the shared JSON primitives are added on first use, and the text
/// comes out with <c>root</c> first. One per grammar; not thread-safe.
/// </summary>
internal sealed class GbnfRules
{
    private readonly Dictionary<string, string?> _rules = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="body"/> under <paramref name="name"/> (or a numbered variant when taken by another body); returns the name used.</summary>
    public string Add(string name, string body)
    {
        var safe = Unreserved(SafeName(name));
        var key = safe;
        for (var i = 0; _rules.TryGetValue(key, out var existing); i++)
        {
            if (existing == body)
            {
                return key;
            }

            key = safe + i.ToString(CultureInfo.InvariantCulture);
        }

        _rules[key] = body;
        return key;
    }

    /// <summary>Takes a unique name for a rule defined later with <see cref="Define"/> (for recursive <c>$ref</c>s).</summary>
    public string Reserve(string name)
    {
        var safe = Unreserved(SafeName(name));
        var key = safe;
        for (var i = 0; _rules.ContainsKey(key); i++)
        {
            key = safe + i.ToString(CultureInfo.InvariantCulture);
        }

        _rules[key] = null;
        return key;
    }

    public void Define(string reservedName, string body) => _rules[reservedName] = body;

    /// <summary>Adds the primitive <paramref name="name"/> (see <see cref="GbnfPrimitives"/>) and the primitives it uses.</summary>
    public string AddPrimitive(string name)
    {
        if (!_rules.ContainsKey(name))
        {
            var (body, uses) = GbnfPrimitives.All[name];
            _rules[name] = body;
            foreach (var used in uses)
            {
                AddPrimitive(used);
            }
        }

        return name;
    }

    /// <summary>The grammar text: <c>root</c> first, then the other rules by name.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        foreach (var (name, body) in _rules.OrderBy(r => r.Key == "root" ? 0 : 1).ThenBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append(" ::= ").Append(body ?? throw new InvalidOperationException($"rule {name} was reserved but never defined")).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>A GBNF string literal matching <paramref name="text"/> exactly.</summary>
    public static string Literal(string text)
    {
        var literal = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            _ = c switch
            {
                '"' => literal.Append("\\\""),
                '\\' => literal.Append("\\\\"),
                '\n' => literal.Append("\\n"),
                '\r' => literal.Append("\\r"),
                '\t' => literal.Append("\\t"),
                < ' ' or '\x7F' => literal.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"),
                _ => literal.Append(c),
            };
        }

        return literal.Append('"').ToString();
    }

    /// <summary>Keeps the primitives' names free for them (they are added on first use, possibly after a schema rule of that name).</summary>
    private static string Unreserved(string name) => GbnfPrimitives.All.ContainsKey(name) ? name + "-" : name;

    /// <summary>GBNF rule names are ASCII letters, digits and dashes.</summary>
    private static string SafeName(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-';
            if (ok)
            {
                safe.Append(c);
            }
            else if (safe.Length == 0 || safe[^1] != '-')
            {
                safe.Append('-');
            }
        }

        return safe.Length == 0 ? "rule" : safe.ToString();
    }
}
