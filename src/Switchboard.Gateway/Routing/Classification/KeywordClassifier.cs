using System.Text.RegularExpressions;
using Switchboard.Gateway.Configuration;

namespace Switchboard.Gateway.Routing.Classification;

/// <summary>
/// Picks a target alias for a router alias from the text of the request, by keyword and pattern rules
/// from the config (first match wins). Regexes run with a timeout so a pathological pattern cannot stall
/// a request. Immutable and thread-safe.
/// </summary>
internal sealed class KeywordClassifier
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private readonly (Regex Matcher, string Alias)[] _rules;

    public KeywordClassifier(ClassifyConfig config)
    {
        _rules = config.Rules.Select(r => (Compile(r), r.Alias)).ToArray();
        Default = config.Default;
    }

    public string Default { get; }

    public IEnumerable<string> Targets => _rules.Select(r => r.Alias).Append(Default);

    public string Classify(string text)
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

        return Default;
    }

    /// <summary>Keywords become one case-insensitive whole-word alternation; a pattern is used as written.</summary>
    internal static Regex Compile(ClassifyRuleConfig rule)
    {
        var pattern = rule.Pattern ?? @"\b(?:" + string.Join("|", rule.Keywords.Select(Regex.Escape)) + @")\b";
        return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, MatchTimeout);
    }
}
