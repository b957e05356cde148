using System.Text.RegularExpressions;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Routing.Classification;

/// <summary>
/// Picks a target alias for a router alias from the text of the request: keyword and pattern rules from
/// the config first (first match wins; cheap and predictable), then the LLM stage when configured
/// (<see cref="LlmClassifier"/>), then the default. Regexes run with a timeout so a pathological pattern
/// cannot stall a request. Immutable and thread-safe.
/// </summary>
internal sealed class RequestClassifier
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private readonly (Regex Matcher, string Alias)[] _rules;

    public RequestClassifier(ClassifyConfig config)
    {
        _rules = config.Rules.Select(r => (Compile(r), r.Alias)).ToArray();
        Default = config.Default;
        Llm = config.Llm;
        Targets = config.Rules.Select(r => r.Alias).Append(config.Default).Concat(config.Llm?.Labels.Select(l => l.Alias) ?? [])
            .Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Every alias the router can pick (rules, LLM labels, default), for cost estimates.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>The alias when neither the rules nor the LLM stage decide.</summary>
    public string Default { get; }

    /// <summary>The model asked when no rule matches; null when the router uses rules only.</summary>
    public LlmClassifyConfig? Llm { get; }

    /// <summary>The alias of the first rule that matches <paramref name="text"/>; null when none does.</summary>
    public string? Match(string text)
    {
        foreach (var (matcher, alias) in _rules)
        {
            try
            {
                if (matcher.IsMatch(text))
                {
                    return alias;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Treated as no match: the request still goes somewhere sensible.
            }
        }

        return null;
    }

    /// <summary>Keywords become one case-insensitive whole-word alternation; a pattern is used as written.</summary>
    internal static Regex Compile(ClassifyRuleConfig rule)
    {
        var pattern = rule.Pattern ?? @"\b(?:" + string.Join("|", rule.Keywords.Select(Regex.Escape)) + @")\b";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
    }
}
