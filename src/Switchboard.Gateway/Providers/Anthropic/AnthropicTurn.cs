using System.Text.Json;

namespace Switchboard.Gateway.Providers.Anthropic;

/// <summary>
/// One entry of the Messages API's <c>messages</c>: a role and its content blocks. Consecutive OpenAI
/// messages of the same role land in one turn, because the API wants user and assistant to alternate.
/// A turn that is a single text block is written as a plain string, the API's short form. The blocks
/// may refer to the request's <see cref="JsonDocument"/>: write the turn while it is alive.
/// </summary>
internal sealed class AnthropicTurn(string role)
{
    private readonly List<Action<Utf8JsonWriter>> _blocks = [];
    private string? _soleText;

    /// <summary><c>user</c> or <c>assistant</c>.</summary>
    public string Role { get; } = role;

    public bool IsEmpty => _blocks.Count == 0;

    /// <summary>Adds a text block; empty text is skipped (the API rejects empty text blocks).</summary>
    public void AddText(string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        _soleText = _blocks.Count == 0 ? text : null;
        _blocks.Add(json =>
        {
            json.WriteStartObject();
            json.WriteString("type", "text");
            json.WriteString("text", text);
            json.WriteEndObject();
        });
    }

    /// <summary>Adds a block written by <paramref name="writeBlock"/> (image, tool_use, tool_result).</summary>
    public void Add(Action<Utf8JsonWriter> writeBlock)
    {
        _soleText = null;
        _blocks.Add(writeBlock);
    }

    public void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("role", Role);
        if (_soleText is { } text && _blocks.Count == 1)
        {
            json.WriteString("content", text);
        }
        else
        {
            json.WriteStartArray("content");
            foreach (var block in _blocks)
            {
                block(json);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
