namespace Switchboard.Gateway.Configuration;

/// <summary>
/// Makes an alias a router: the request is sent to another alias chosen by matching its last user
/// message against rules, in order; <see cref="Default"/> when none matches.
/// </summary>
public sealed record ClassifyConfig
{
    public IReadOnlyList<ClassifyRuleConfig> Rules { get; set; } = [];

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
