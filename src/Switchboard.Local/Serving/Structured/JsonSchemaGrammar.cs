using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// Turns a JSON schema into a GBNF grammar (start rule <c>root</c>) that llama.cpp's grammar sampler
/// enforces token by token, so the output parses as JSON of the schema's shape. A port of the essentials
/// of llama.cpp's <c>json-schema-to-grammar</c>; see <see cref="JsonSchemaConverter"/> for the keywords
/// and <see cref="JsonSchemaKeywords"/> for what is refused. Stateless and thread-safe.
/// </summary>
internal static class JsonSchemaGrammar
{
    /// <summary>The grammar for <paramref name="schema"/>; throws <see cref="ArgumentException"/> naming an unsupported keyword or reference.</summary>
    public static string Convert(JsonElement schema)
    {
        var rules = new GbnfRules();
        var root = new JsonSchemaConverter(rules).AddDocument(schema, "root");
        if (root != "root")
        {
            rules.Add("root", root);
        }

        return rules.Format();
    }
}
