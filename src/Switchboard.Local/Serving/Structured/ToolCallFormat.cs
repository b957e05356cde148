using System.Text;
using System.Text.Json;

namespace Switchboard.Local.Serving.Structured;

/// <summary>
/// How a local model calls OpenAI function tools: the system prompt tells it the functions and the one
/// output form, <c>{"tool_calls":[{"name":"…","arguments":{…}}]}</c>; the grammar makes that form the
/// only JSON it can write, with each function's arguments held to its <c>parameters</c> schema and names
/// to the offered functions; <see cref="Parse"/> reads the calls back. For <c>required</c> and a named
/// function the grammar admits only the calls. For <c>auto</c> it admits the calls or free text that does
/// not begin with <c>{</c> (after optional whitespace): a grammar rather than parsing loosely afterwards,
/// because once the model opens a brace the calls it writes are guaranteed to parse. Immutable; thread-safe.
/// </summary>
internal sealed class ToolCallFormat
{
    private const string Shape = """{"tool_calls":[{"name":"<function name>","arguments":{<arguments>}}]}""";
    private static readonly JsonElement AnyObject = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone();

    private readonly IReadOnlyList<ToolDefinition> _tools;
    private readonly ToolChoice _choice;
    private readonly bool _parallel;

    /// <param name="tools">The request's <c>tools</c>.</param>
    /// <param name="choice">The request's <c>tool_choice</c>.</param>
    /// <param name="parallel">The request's <c>parallel_tool_calls</c>: false allows exactly one call.</param>
    public ToolCallFormat(IReadOnlyList<ToolDefinition> tools, ToolChoice choice, bool parallel = true)
    {
        if (choice.Mode == ToolChoiceMode.Function)
        {
            var named = tools.FirstOrDefault(t => t.Name == choice.Function)
                ?? throw new ArgumentException($"tool_choice names function '{choice.Function}', which is not among the tools");
            tools = [named];
        }
        else if (choice.Mode == ToolChoiceMode.Required && tools.Count == 0)
        {
            throw new ArgumentException("tool_choice is required but there are no tools");
        }

        _tools = tools;
        _choice = choice;
        _parallel = parallel && choice.Mode != ToolChoiceMode.Function;
    }

    /// <summary>False when the output is plain text only (<c>tool_choice: none</c> or no tools): no prompt, no grammar.</summary>
    public bool Active => _choice.Mode != ToolChoiceMode.None && _tools.Count > 0;

    /// <summary>The system message that describes the functions and the output form.</summary>
    public string Instructions()
    {
        var text = new StringBuilder("You can call these functions:\n");
        foreach (var tool in _tools)
        {
            text.Append("- ").Append(tool.Name);
            if (!string.IsNullOrWhiteSpace(tool.Description))
            {
                text.Append(": ").Append(tool.Description.Trim());
            }

            text.Append(" Arguments (JSON schema): ").Append(JsonText.Compact(tool.Parameters ?? AnyObject)).Append('\n');
        }

        text.Append("To call functions, reply with only this JSON: ").Append(Shape).Append('\n');
        text.Append(_choice.Mode switch
        {
            ToolChoiceMode.Auto => "Otherwise reply in plain text.",
            ToolChoiceMode.Function => $"You must call {_tools[0].Name}.",
            _ => "You must call at least one function.",
        });
        return _parallel ? text.ToString() : text.Append(" Call one function only.").ToString();
    }

    /// <summary>The GBNF grammar (start rule <c>root</c>) of the output, or null when <see cref="Active"/> is false.</summary>
    public string? Grammar()
    {
        if (!Active)
        {
            return null;
        }

        var rules = new GbnfRules();
        var converter = new JsonSchemaConverter(rules);
        var ws = rules.AddPrimitive("ws");
        var calls = _tools.Select(tool =>
        {
            var arguments = converter.AddDocument(tool.Parameters ?? AnyObject, tool.Name + "-arguments");
            return rules.Add(tool.Name + "-call",
                $"\"{{\" {ws} {GbnfRules.Literal("\"name\"")} ws \":\" ws {GbnfRules.Literal(JsonText.Quoted(tool.Name))} ws \",\" ws "
                + $"{GbnfRules.Literal("\"arguments\"")} ws \":\" ws {arguments} \"}}\" ws");
        }).ToList();
        var call = rules.Add("tool-call", string.Join(" | ", calls));
        var list = _parallel ? Repetition.Separated(call, "\",\" ws", 1, null) : call;
        var toolCalls = rules.Add("tool-calls", $"\"{{\" ws {GbnfRules.Literal("\"tool_calls\"")} ws \":\" ws \"[\" ws {list} \"]\" ws \"}}\" ws");
        if (_choice.Mode == ToolChoiceMode.Auto)
        {
            var text = rules.Add("text", "[^{ \\t\\r\\n] [^\\x00]*");
            rules.Add("root", $"[ \\t\\r\\n]* ( {toolCalls} | {text} )?");
        }
        else
        {
            rules.Add("root", toolCalls);
        }

        return rules.Format();
    }

    /// <summary>The calls in <paramref name="output"/> (arguments as compact JSON text), or null when it is not the tool-call JSON (plain text, or cut short).</summary>
    public static IReadOnlyList<(string Name, string ArgumentsJson)>? Parse(string output)
    {
        var trimmed = output.AsSpan().Trim();
        if (trimmed.IsEmpty || trimmed[0] != '{')
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed.ToString());
            if (!document.RootElement.TryGetProperty("tool_calls", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                return null;
            }

            var calls = new List<(string, string)>();
            foreach (var call in list.EnumerateArray())
            {
                if (call.ValueKind != JsonValueKind.Object || !call.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
                {
                    return null;
                }

                var arguments = call.TryGetProperty("arguments", out var a) ? JsonText.Compact(a) : "{}";
                calls.Add((name.GetString()!, arguments));
            }

            return calls;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
