using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// The GBNF of an object schema: the required properties first, always, in the order of
/// <c>properties</c>; then any in-order subset of the optional ones; then, only when
/// <c>additionalProperties</c> is true or a schema, more string-keyed members. Fixing the order keeps the
/// grammar linear in the number of properties (the same choice as llama.cpp).
/// </summary>
internal static class JsonObjectRule
{
    private const string AdditionalKey = "*";

    private static readonly JsonElement AnyValue = JsonDocument.Parse("{}").RootElement.Clone();

    public static string Body(JsonSchemaConverter converter, JsonElement schema, string name, string path)
    {
        var rules = converter.Rules;
        var ws = rules.AddPrimitive("ws");
        var required = schema.TryGetProperty("required", out var names) && names.ValueKind == JsonValueKind.Array
            ? names.EnumerateArray().Select(n => n.GetString() ?? "").ToHashSet(StringComparer.Ordinal)
            : [];
        var members = new List<(string Key, string Rule)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var property in properties.EnumerateObject())
            {
                seen.Add(property.Name);
                members.Add((property.Name, Member(converter, property.Name, property.Value, name, $"{path}/properties/{property.Name}")));
            }
        }

        // A required name missing from properties must still appear; its value is unconstrained.
        foreach (var key in required.Where(k => !seen.Contains(k)))
        {
            members.Add((key, Member(converter, key, AnyValue, name, $"{path}/required")));
        }

        var requiredRules = members.Where(m => required.Contains(m.Key)).Select(m => m.Rule).ToList();
        var optional = members.Where(m => !required.Contains(m.Key)).ToList();
        if (schema.TryGetProperty("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.False)
        {
            var value = additional.ValueKind == JsonValueKind.True ? rules.AddPrimitive("value") : converter.Child(additional, name, "additional-value", path + "/additionalProperties");
            var member = rules.Add(Named(name, "additional-kv"), $"{rules.AddPrimitive("string")} \":\" {ws} {value}");
            optional.Add((AdditionalKey, rules.Add(Named(name, "additional-kvs"), $"{member} ( \",\" ws {member} )*")));
        }

        var body = "\"{\" ws " + string.Join(" \",\" ws ", requiredRules);
        if (optional.Count > 0)
        {
            var choices = string.Join(" | ", optional.Select((_, i) => OptionalFrom(rules, optional, i, name, firstIsOptional: false)));
            body += requiredRules.Count > 0 ? $" ( \",\" ws ( {choices} ) )?" : $" ( {choices} )?";
        }

        return body + " \"}\" ws";
    }

    private static string Member(JsonSchemaConverter converter, string key, JsonElement schema, string name, string path)
    {
        var value = converter.Child(schema, name, key, path);
        return converter.Rules.Add(Named(name, key + "-kv"), $"{GbnfRules.Literal(JsonText.Quoted(key))} ws \":\" ws {value}");
    }

    /// <summary>Optional members from <paramref name="start"/> on: each later one may or may not follow.</summary>
    private static string OptionalFrom(GbnfRules rules, List<(string Key, string Rule)> optional, int start, string name, bool firstIsOptional)
    {
        var (key, rule) = optional[start];
        var text = firstIsOptional ? $"( \",\" ws {rule} )?" : rule;
        if (start + 1 < optional.Count)
        {
            text += " " + rules.Add(Named(name, (key == AdditionalKey ? "additional" : key) + "-rest"), OptionalFrom(rules, optional, start + 1, name, firstIsOptional: true));
        }

        return text;
    }

    /// <summary>The rules of the top-level object are named after its keys alone, as in llama.cpp.</summary>
    private static string Named(string parent, string part) => parent == "root" ? part : $"{parent}-{part}";
}
