using Switchboard.Knowledge.Answers;

namespace Switchboard.Server.Web.Components.Chat;

/// <summary>A source of an answer as its card shows it (the page's copy of the knowledge base's citation). <see cref="Snippet"/> is escaped text with <c>&lt;mark&gt;</c>.</summary>
public sealed record SourceView(int Number, string DocumentId, string DocumentName, string? Title, string Collection, string Section, int? PageStart,
    string Snippet, bool Cited)
{
    internal static IReadOnlyList<SourceView> From(IReadOnlyList<Citation> citations) =>
        [.. citations.Select(c => new SourceView(c.Number, c.DocumentId, c.DocumentName, c.Title, c.Collection, c.Section, c.PageStart, c.Snippet, c.Cited))];
}
