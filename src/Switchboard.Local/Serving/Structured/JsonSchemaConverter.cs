using System.Globalization;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// Adds the rules for JSON schemas to a <see cref="GbnfRules"/>. Enforced: <c>type</c> (one or a list, so
/// <c>["string","null"]</c> is nullable; <c>nullable: true</c> too), objects (<c>properties</c> in their
/// order, required ones always and first, optional ones in order when present; <c>additionalProperties</c>
/// false unless given as true or a schema — strict, as OpenAI's strict mode), arrays (<c>items</c>,
/// <c>minItems</c>, <c>maxItems</c>), strings (<c>minLength</c>, <c>maxLength</c>; <c>format</c> date, time,
/// date-time and uuid, other formats only annotate), number, integer, boolean, null, <c>enum</c> and
/// <c>const</c> of any JSON values, <c>anyOf</c> and <c>oneOf</c> (as anyOf: a grammar cannot exclude a
/// value that two branches both match), and <c>$ref</c> to <c>#/$defs</c>, <c>#/definitions</c> or any
/// other pointer in the same document, recursion included. Other keywords are refused. Not thread-safe.
/// </summary>
internal sealed class JsonSchemaConverter(GbnfRules rules)
{
    private readonly Dictionary<string, string> _refRules = new(StringComparer.Ordinal);
    private JsonElement _document;
    private string _documentName = "";

    /// <summary>Adds the rules for <paramref name="schema"/>, whose <c>$ref</c>s point into itself; returns its rule's name.</summary>
    public string AddDocument(JsonElement schema, string name)
    {
        _document = schema;
        _documentName = name;
        return Visit(schema, name, "#");
    }

    private string Visit(JsonElement schema, string name, string path) => Named(name, Body(schema, name, path));

    /// <summary>A rule for <paramref name="body"/>, or the rule <paramref name="body"/> already names (no alias rules).</summary>
    private string Named(string name, string body) => body.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') ? body : rules.Add(name, body);

    /// <summary>The rule body for <paramref name="schema"/>; sub-schemas become rules named after <paramref name="name"/>.</summary>
    private string Body(JsonElement schema, string name, string path)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return rules.AddPrimitive("value");
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"the JSON schema at {path} must be an object (or true), not {schema.ValueKind}");
        }

        JsonSchemaKeywords.Check(schema, path);
        var body = UnnullableBody(schema, name, path);
        return schema.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True
            ? $"( {body} ) | {rules.AddPrimitive("null")}"
            : body;
    }

    private string UnnullableBody(JsonElement schema, string name, string path)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return Reference(reference.GetString() ?? "", path);
        }

        foreach (var union in (ReadOnlySpan<string>)["anyOf", "oneOf"])
        {
            if (schema.TryGetProperty(union, out var branches))
            {
                return string.Join(" | ", branches.EnumerateArray().Select((branch, i) =>
                    Visit(branch, $"{name}-{i.ToString(CultureInfo.InvariantCulture)}", $"{path}/{union}/{i.ToString(CultureInfo.InvariantCulture)}")));
            }
        }

        if (schema.TryGetProperty("const", out var constant))
        {
            return Constant(constant);
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return "( " + string.Join(" | ", values.EnumerateArray().Select(Constant)) + " )";
        }

        if (!schema.TryGetProperty("type", out var type))
        {
            return Typed(schema, InferredType(schema), name, path);
        }

        if (type.ValueKind == JsonValueKind.Array)
        {
            return string.Join(" | ", type.EnumerateArray().Select(t => Visit(schema, $"{name}-{t.GetString()}", path, t.GetString()!)));
        }

        return Typed(schema, type.GetString() ?? "", name, path);
    }

    private string Visit(JsonElement schema, string name, string path, string type) => Named(name, Typed(schema, type, name, path));

    private string Typed(JsonElement schema, string type, string name, string path) => type switch
    {
        "object" => schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _)
            ? JsonObjectRule.Body(this, schema, name, path)
            : rules.AddPrimitive("object"),
        "array" => ArrayBody(schema, name, path),
        "string" => StringBody(schema),
        "number" or "integer" or "boolean" or "null" => rules.AddPrimitive(type),
        "any" => rules.AddPrimitive("value"),
        _ => throw new ArgumentException($"JSON schema type '{type}' (at {path}) is not one of object, array, string, number, integer, boolean, null"),
    };

    /// <summary>The kind a schema without <c>type</c> constrains, from its keywords (none: any JSON value).</summary>
    private static string InferredType(JsonElement schema) =>
        schema.TryGetProperty("properties", out _) || schema.TryGetProperty("additionalProperties", out _) || schema.TryGetProperty("required", out _) ? "object"
        : schema.TryGetProperty("items", out _) || schema.TryGetProperty("minItems", out _) || schema.TryGetProperty("maxItems", out _) ? "array"
        : schema.TryGetProperty("minLength", out _) || schema.TryGetProperty("maxLength", out _) ? "string"
        : "any";

    /// <summary>A rule for a sub-schema of the current document (object properties, array items).</summary>
    internal string Child(JsonElement schema, string parent, string key, string path)
    {
        var name = parent == "root" ? key : $"{parent}-{key}";
        return Visit(schema, name == "root" ? "root-" : name, path);
    }

    internal GbnfRules Rules => rules;

    private string ArrayBody(JsonElement schema, string name, string path)
    {
        var min = Count(schema, "minItems", path) ?? 0;
        var max = Count(schema, "maxItems", path);
        var item = schema.TryGetProperty("items", out var items) ? Child(items, name, "item", path + "/items") : rules.AddPrimitive("value");
        if (max < min)
        {
            throw new ArgumentException($"maxItems is below minItems at {path}");
        }

        return $"\"[\" {rules.AddPrimitive("ws")} {Repetition.Separated(item, "\",\" ws", min, max)} \"]\" ws";
    }

    private string StringBody(JsonElement schema)
    {
        if (schema.TryGetProperty("format", out var format) && format.GetString() is { } known)
        {
            switch (known)
            {
                case "date" or "time" or "date-time":
                    return rules.AddPrimitive(known + "-string");
                case "uuid":
                    return rules.AddPrimitive("uuid");
            }
        }

        var min = Count(schema, "minLength", "string") ?? 0;
        var max = Count(schema, "maxLength", "string");
        if (min == 0 && max is null)
        {
            return rules.AddPrimitive("string");
        }

        rules.AddPrimitive("char");
        rules.AddPrimitive("ws");
        return $"\"\\\"\" {Repetition.Of("char", min, max)} \"\\\"\" ws";
    }

    private string Constant(JsonElement value) => $"{GbnfRules.Literal(JsonText.Compact(value))} {rules.AddPrimitive("ws")}";

    private string Reference(string reference, string path)
    {
        if (!reference.StartsWith('#'))
        {
            throw new ArgumentException($"$ref '{reference}' (at {path}) is not supported: only references inside the schema (#/$defs/…) are");
        }

        var key = _documentName + reference;
        if (_refRules.TryGetValue(key, out var known))
        {
            return known;
        }

        var target = JsonPointer.Resolve(_document, reference)
            ?? throw new ArgumentException($"$ref '{reference}' (at {path}) points at nothing in the schema");
        var name = rules.Reserve(_documentName == "root" ? RefName(reference) : $"{_documentName}-{RefName(reference)}");
        _refRules[key] = name;
        rules.Define(name, Body(target, name, reference));
        return name;
    }

    private static string RefName(string reference) => reference.Length <= 2 ? "ref" : reference[(reference.LastIndexOf('/') + 1)..];

    private static int? Count(JsonElement schema, string keyword, string path) =>
        !schema.TryGetProperty(keyword, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0 ? n
        : throw new ArgumentException($"{keyword} (at {path}) must be a non-negative integer");
}
