namespace Switchboard.Knowledge.Lexical;

/// <summary>
/// A mutable BM25F index over chunks with a title, a section path and a body, keyed by a numeric chunk id.
/// <c>filter</c> is applied <b>before</b> ranking, so access control never shrinks the top k.
/// Thread-safe: searches run concurrently with each other and with writes.
/// </summary>
internal interface ILexicalIndex
{
    int Count { get; }

    /// <summary>Adds or replaces the chunk <paramref name="id"/>.</summary>
    void Upsert(long id, LexicalFields fields);

    bool Remove(long id);

    IReadOnlyList<LexicalHit> Search(string query, int k, Func<long, bool>? filter = null);
}
