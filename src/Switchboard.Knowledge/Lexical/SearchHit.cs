namespace Switchboard.Knowledge.Lexical;

/// <summary>One ranked result: the document id given to <see cref="Bm25Index.Add"/> and its score.</summary>
internal readonly record struct SearchHit(string Id, double Score);
