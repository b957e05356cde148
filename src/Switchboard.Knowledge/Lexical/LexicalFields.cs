namespace Switchboard.Knowledge.Lexical;

/// <summary>The weighted fields of one indexed chunk (title and section weigh more than the body).</summary>
internal sealed record LexicalFields(string? Title, string? Section, string Body);
