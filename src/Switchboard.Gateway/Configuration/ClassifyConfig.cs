namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Makes an alias a router: the request is sent to another alias chosen by matching its last user
/// message against rules, in order; then, when configured, by asking a small model (<see cref="Llm"/>);
/// <see cref="Default"/> when neither decides.
/// </summary>
public sealed record ClassifyConfig
{
    public IReadOnlyList<ClassifyRuleConfig> Rules { get; set; } = [];

    /// <summary>A model that labels what the rules left undecided.</summary>
    public LlmClassifyConfig? Llm { get; set; }

    /// <summary>The alias used when no rule matches.</summary>
    public string Default { get; set; } = "";
}

/// <summary>One rule: any of <see cref="Keywords"/> (case-insensitive, whole words) or <see cref="Pattern"/> (a regex) sends the request to <see cref="Alias"/>.</summary>
public sealed record ClassifyRuleConfig
{
    public IReadOnlyList<string> Keywords { get; set; } = [];

    public string? Pattern { get; set; }

    public string Alias { get; set; } = "";
}

/// <summary>
/// An LLM classifier: <see cref="Model"/> (an alias, ideally a small local model) is asked which of
/// <see cref="Labels"/> fits the request, and the request goes to that label's alias.
/// </summary>
public sealed record LlmClassifyConfig
{
    /// <summary>The alias asked to classify.</summary>
    public string Model { get; set; } = "";

    public IReadOnlyList<LlmLabelConfig> Labels { get; set; } = [];

    /// <summary>How long the classification may take before the default alias is used.</summary>
    public double TimeoutSeconds { get; set; } = 5;
}

/// <summary>One label the classifier model may answer, what it means, and the alias it routes to.</summary>
public sealed record LlmLabelConfig
{
    public string Label { get; set; } = "";

    /// <summary>Told to the classifier model, e.g. "greetings, short factual questions, small talk".</summary>
    public string Description { get; set; } = "";

    public string Alias { get; set; } = "";
}
