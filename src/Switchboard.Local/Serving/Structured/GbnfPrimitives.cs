using System.Collections.Frozen;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// The shared JSON rules of generated grammars, as in llama.cpp's <c>json-schema-to-grammar</c> (MIT):
/// numbers and strings as JSON writes them, at most 16 integer digits, and <c>ws</c> — optional
/// whitespace after each token, bounded (one newline and 20 indents) so a model cannot pad forever.
/// </summary>
internal static class GbnfPrimitives
{
    /// <summary>Rule name → (body, the primitives the body uses).</summary>
    public static FrozenDictionary<string, (string Body, string[] Uses)> All { get; } = new Dictionary<string, (string, string[])>
    {
        ["ws"] = ("| \" \" | \"\\n\" [ \\t]{0,20}", []),
        ["boolean"] = ("(\"true\" | \"false\") ws", ["ws"]),
        ["null"] = ("\"null\" ws", ["ws"]),
        ["integral-part"] = ("[0] | [1-9] [0-9]{0,15}", []),
        ["decimal-part"] = ("[0-9]{1,16}", []),
        ["integer"] = ("\"-\"? integral-part ws", ["integral-part", "ws"]),
        ["number"] = ("\"-\"? integral-part (\".\" decimal-part)? ([eE] [-+]? integral-part)? ws", ["integral-part", "decimal-part", "ws"]),
        ["char"] = ("[^\"\\\\\\x7F\\x00-\\x1F] | [\\\\] ([\"\\\\/bfnrt] | \"u\" [0-9a-fA-F]{4})", []),
        ["string"] = ("\"\\\"\" char* \"\\\"\" ws", ["char", "ws"]),
        ["value"] = ("object | array | string | number | boolean | null", ["object", "array", "string", "number", "boolean", "null"]),
        ["object"] = ("\"{\" ws ( string \":\" ws value (\",\" ws string \":\" ws value)* )? \"}\" ws", ["string", "value", "ws"]),
        ["array"] = ("\"[\" ws ( value (\",\" ws value)* )? \"]\" ws", ["value", "ws"]),
        ["date"] = ("[0-9]{4} \"-\" ( \"0\" [1-9] | \"1\" [0-2] ) \"-\" ( \"0\" [1-9] | [1-2] [0-9] | \"3\" [0-1] )", []),
        ["time"] = ("([01] [0-9] | \"2\" [0-3]) \":\" [0-5] [0-9] \":\" [0-5] [0-9] ( \".\" [0-9]{3} )? ( \"Z\" | ( \"+\" | \"-\" ) ( [01] [0-9] | \"2\" [0-3] ) \":\" [0-5] [0-9] )", []),
        ["date-time"] = ("date \"T\" time", ["date", "time"]),
        ["date-string"] = ("\"\\\"\" date \"\\\"\" ws", ["date", "ws"]),
        ["time-string"] = ("\"\\\"\" time \"\\\"\" ws", ["time", "ws"]),
        ["date-time-string"] = ("\"\\\"\" date-time \"\\\"\" ws", ["date-time", "ws"]),
        ["uuid"] = ("\"\\\"\" [0-9a-fA-F]{8} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{4} \"-\" [0-9a-fA-F]{12} \"\\\"\" ws", ["ws"]),
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
