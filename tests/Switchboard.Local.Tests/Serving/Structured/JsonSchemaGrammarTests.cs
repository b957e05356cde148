using System.Text.Json;
using Switchboard.Local.Serving.Structured;

namespace Switchboard.Local.Tests.Serving.Structured;

/// <summary>The text of the grammars a JSON schema turns into, and the schemas that are refused.</summary>
public sealed class JsonSchemaGrammarTests
{
    [Fact]
    public void Convert_Object_RequiredFirstThenOptionalInOrder_NoOtherKeys()
    {
        var grammar = Convert("""{"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"},"c":{"type":"boolean"}},"required":["b"]}""");

        Assert.StartsWith("root ::= ", grammar, StringComparison.Ordinal);
        Assert.Contains("""root ::= "{" ws b-kv ( "," ws ( a-kv a-rest | c-kv ) )? "}" ws""", grammar, StringComparison.Ordinal);
        Assert.Contains("""b-kv ::= "\"b\"" ws ":" ws integer""", grammar, StringComparison.Ordinal);
        Assert.Contains("""a-rest ::= ( "," ws c-kv )?""", grammar, StringComparison.Ordinal);
        Assert.DoesNotContain("additional", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_AdditionalPropertiesSchema_AllowsMoreStringKeyedMembers()
    {
        var grammar = Convert("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"number"}}""");

        Assert.Contains("additional-kv ::= string \":\" ws number", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_Array_MinAndMaxItems_BoundTheRepetition()
    {
        var grammar = Convert("""{"type":"array","items":{"type":"number"},"minItems":1,"maxItems":3}""");

        Assert.Contains("""root ::= "[" ws number ( "," ws number ){0,2} "]" ws""", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_StringLengths_BoundTheCharacters()
    {
        var grammar = Convert("""{"type":"string","minLength":2,"maxLength":5}""");

        Assert.Contains("""root ::= "\"" char{2,5} "\"" ws""", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_EnumAndConst_EscapeTheirJsonForGbnf()
    {
        var grammar = Convert("""{"enum":["a\"b", "back\\slash", 1.5, null, {"k":[true]}]}""");

        Assert.Contains("""root ::= ( "\"a\\\"b\"" ws | "\"back\\\\slash\"" ws | "1.5" ws | "null" ws | "{\"k\":[true]}" ws )""", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_TypeList_IsAUnion_SoNullMakesItNullable()
    {
        var grammar = Convert("""{"type":"object","properties":{"n":{"type":["string","null"]}},"required":["n"]}""");

        Assert.Contains("n ::= string | null", grammar, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_RecursiveRefToDefs_ReusesOneRule()
    {
        var grammar = Convert("""
            {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"name":{"type":"string"},
             "children":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["name","children"]}}}
            """);

        Assert.Contains("root ::= node", grammar, StringComparison.Ordinal);
        Assert.Contains("""node-children ::= "[" ws ( node ( "," ws node )* )? "]" ws""", grammar, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"string","pattern":"^a+$"}""", "pattern")]
    [InlineData("""{"type":"integer","minimum":3}""", "minimum")]
    [InlineData("""{"allOf":[{"type":"string"}]}""", "allOf")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"array","uniqueItems":true}}}""", "uniqueItems")]
    public void Convert_UnsupportedKeyword_IsRefusedByName(string schema, string keyword)
    {
        var error = Assert.Throws<ArgumentException>(() => Convert(schema));

        Assert.Contains($"'{keyword}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_RemoteRef_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Convert("""{"$ref":"https://example.com/schema.json"}"""));

        Assert.Contains("$ref", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Convert_AnnotationsAndUnknownFormats_AreIgnored()
    {
        var grammar = Convert("""{"title":"t","description":"d","type":"string","format":"email","default":"x"}""");

        Assert.Contains("root ::= string", grammar, StringComparison.Ordinal);
    }

    internal static string Convert(string schema)
    {
        using var document = JsonDocument.Parse(schema);
        return JsonSchemaGrammar.Convert(document.RootElement);
    }
}
