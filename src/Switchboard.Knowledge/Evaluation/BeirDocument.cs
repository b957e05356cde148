namespace Switchboard.Knowledge.Evaluation;

/// <summary>One corpus entry of a BEIR dataset (<c>corpus.jsonl</c>: <c>_id</c>, <c>title</c>, <c>text</c>).</summary>
internal sealed record BeirDocument(string Id, string Title, string Text);
