namespace Switchboard.Knowledge.Retrieval;

/// <summary>How a search ranks: BM25 only, embeddings only, or both fused by reciprocal rank.</summary>
internal static class SearchMode
{
    public const string Lexical = "lexical";
    public const string Vector = "vector";
    public const string Hybrid = "hybrid";

    public static bool IsKnown(string? mode) => mode is null or Lexical or Vector or Hybrid;
}
