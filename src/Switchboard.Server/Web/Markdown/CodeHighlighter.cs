using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Switchboard.Server.Web.Markdown;

/// <summary>
/// Highlights code on the server (no script in the browser): comments, strings, numbers and keywords of common
/// languages become <c>&lt;span class="tk-…"&gt;</c>; everything is HTML-escaped first, so the output is safe for any
/// input. Unknown languages are escaped only. Thread-safe.
/// </summary>
internal static partial class CodeHighlighter
{
    private static readonly HashSet<string> CLike = Words("""
        abstract as async await base bool break byte case catch char class const continue default defer delegate do double else enum export
        extends false final finally float fn for foreach from func function go if impl implements import in int interface internal is let
        long match mod mut namespace new nil null object operator out override package private protected pub public readonly record ref
        return sealed self short static string struct super switch this throw throws true try type typeof uint ulong undefined use using
        val var virtual void volatile when where while yield
        """);

    private static readonly HashSet<string> Scripting = Words("""
        and as assert async await break case class continue def del do done echo elif else end esac except export false fi finally for from
        function global if import in is lambda local nil none nonlocal not or pass raise return then true try until while with yield
        """);

    private static readonly HashSet<string> Sql = Words("""
        add all alter and as asc between by case create delete desc distinct drop else end exists false from group having in index inner insert
        into is join key left like limit not null offset on or order outer primary references right select set table then true union unique
        update values view when where with
        """);

    /// <summary>The highlighted, escaped HTML of <paramref name="code"/> written in <paramref name="language"/> (a fence's info string).</summary>
    public static string Highlight(string code, string? language)
    {
        var (pattern, keywords, ignoreCase) = Language(language);
        if (pattern is null)
        {
            return WebUtility.HtmlEncode(code);
        }

        var html = new StringBuilder(code.Length + (code.Length / 4));
        var last = 0;
        foreach (Match match in pattern.Matches(code))
        {
            html.Append(WebUtility.HtmlEncode(code[last..match.Index]));
            var kind = match.Groups["c"].Success ? "tk-c"
                : match.Groups["s"].Success ? "tk-s"
                : match.Groups["n"].Success ? "tk-n"
                : keywords is not null && keywords.Contains(ignoreCase ? match.Value.ToLowerInvariant() : match.Value) ? "tk-k"
                : null;
            var text = WebUtility.HtmlEncode(match.Value);
            html.Append(kind is null ? text : $"<span class=\"{kind}\">{text}</span>");
            last = match.Index + match.Length;
        }

        return html.Append(WebUtility.HtmlEncode(code[last..])).ToString();
    }

    private static (Regex? Pattern, HashSet<string>? Keywords, bool IgnoreCase) Language(string? language) =>
        (language ?? "").Trim().ToLowerInvariant() switch
        {
            "c" or "h" or "cpp" or "c++" or "cs" or "csharp" or "c#" or "java" or "kotlin" or "kt" or "js" or "javascript" or "jsx" or "ts"
                or "typescript" or "tsx" or "go" or "golang" or "rust" or "rs" or "swift" or "php" or "scala" or "dart" => (CLikeTokens(), CLike, false),
            "py" or "python" or "rb" or "ruby" or "sh" or "bash" or "shell" or "zsh" or "console" or "yaml" or "yml" or "toml" or "ini"
                or "dockerfile" or "makefile" or "r" or "perl" or "powershell" or "ps1" => (HashTokens(), Scripting, false),
            "sql" or "postgres" or "postgresql" or "sqlite" or "mysql" or "tsql" => (SqlTokens(), Sql, true),
            "json" or "jsonc" or "json5" => (JsonTokens(), Words("true false null"), false),
            _ => (null, null, false),
        };

    private static HashSet<string> Words(string words) =>
        new(words.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    [GeneratedRegex("""(?<c>//[^\n]*|/\*[\s\S]*?(?:\*/|$))|(?<s>"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?|`(?:\\.|[^`\\])*`?)|(?<n>\b\d[\d_]*(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*\b)|\b[A-Za-z_]\w*\b""")]
    private static partial Regex CLikeTokens();

    [GeneratedRegex("""(?<c>#[^\n]*)|(?<s>"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?)|(?<n>\b\d[\d_]*(?:\.\d+)?\b)|\b[A-Za-z_]\w*\b""")]
    private static partial Regex HashTokens();

    [GeneratedRegex("""(?<c>--[^\n]*|/\*[\s\S]*?(?:\*/|$))|(?<s>'(?:''|[^'])*'?)|(?<n>\b\d+(?:\.\d+)?\b)|\b[A-Za-z_]\w*\b""")]
    private static partial Regex SqlTokens();

    [GeneratedRegex("""(?<s>"(?:\\.|[^"\\\n])*"?)|(?<n>-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b)|\b[a-z]+\b""")]
    private static partial Regex JsonTokens();
}
