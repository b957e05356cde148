using System.Collections.Frozen;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// Which JSON Schema keywords the grammar converter enforces, which it ignores because they only annotate,
/// and the refusal of every other keyword: a constraint silently dropped would let the model produce
/// output the caller's schema forbids.
/// </summary>
internal static class JsonSchemaKeywords
{
    public static FrozenSet<string> Enforced { get; } = new[]
    {
        "type", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "minLength", "maxLength", "format", "enum", "const", "anyOf", "oneOf", "$ref", "$defs", "definitions", "nullable",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static FrozenSet<string> Annotations { get; } = new[]
    {
        "title", "description", "default", "examples", "$schema", "$id", "$comment", "deprecated", "readOnly", "writeOnly",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first keyword of <paramref name="schema"/> that is neither enforced nor an annotation.</summary>
    public static void Check(JsonElement schema, string path)
    {
        foreach (var property in schema.EnumerateObject())
        {
            if (!Enforced.Contains(property.Name) && !Annotations.Contains(property.Name))
            {
                throw new ArgumentException(
                    $"JSON schema keyword '{property.Name}' (at {path}) is not supported by the local provider's grammars; "
                    + "supported: " + string.Join(", ", Enforced.Order(StringComparer.Ordinal)));
            }
        }
    }
}
