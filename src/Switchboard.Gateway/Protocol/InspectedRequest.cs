namespace Switchboard.Gateway.Protocol;

/// <summary>
/// What the relay needs to know about a request body, with byte offsets for the surgical edits.
/// Offsets index the original body; -1 means the property is absent.
/// </summary>
internal readonly record struct InspectedRequest
{
    public required string Model { get; init; }

    public required int ModelValueStart { get; init; }

    public required int ModelValueEnd { get; init; }

    /// <summary>Offset just after the root object's opening brace, where a property can be inserted.</summary>
    public required int BodyStart { get; init; }

    public bool Stream { get; init; }

    public int StreamOptionsStart { get; init; }

    public int StreamOptionsEnd { get; init; }

    /// <summary>Whether the client itself asked for the final usage chunk (<c>stream_options.include_usage</c>).</summary>
    public bool ClientIncludeUsage { get; init; }

    /// <summary>A non-empty <c>tools</c> (or legacy <c>functions</c>) array.</summary>
    public bool HasTools { get; init; }

    /// <summary><c>response_format.type</c> is <c>json_object</c> or <c>json_schema</c>.</summary>
    public bool JsonMode { get; init; }

    /// <summary>The input (<c>messages</c>, <c>prompt</c> or <c>input</c>) contains <c>image_url</c> parts.</summary>
    public bool HasImages { get; init; }

    /// <summary>Bytes of the input value, for the prompt-size estimate.</summary>
    public int InputBytes { get; init; }

    /// <summary><c>max_tokens</c> (or <c>max_completion_tokens</c>) when the request sets a positive one, for usage estimates.</summary>
    public int? MaxTokens { get; init; }

    /// <summary><c>n</c>: how many answers the request asks for (1 unless set higher).</summary>
    public int Choices { get; init; }

    /// <summary>Prompt tokens estimated from the input's size (bytes / 3), as context-window rules do.</summary>
    public int EstimatedPromptTokens => InputBytes / 3;

    /// <summary>Where the <c>switchboard</c> extension property starts (its name); 0 when the request has none.</summary>
    public int ExtensionStart { get; init; }

    /// <summary>Where the <c>switchboard</c> extension's value ends.</summary>
    public int ExtensionEnd { get; init; }

    /// <summary>The request carries the <c>switchboard</c> extension, which is never sent upstream.</summary>
    public bool HasExtension => ExtensionStart > 0;
}
