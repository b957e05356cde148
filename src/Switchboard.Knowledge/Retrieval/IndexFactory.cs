using Switchboard.Knowledge.Lexical;
using Switchboard.Knowledge.Vectors;
using Switchboard.Knowledge.Vectors.Persistence;

namespace Switchboard.Knowledge.Retrieval;

/// <summary>The embedded index implementations the knowledge base runs on (PostgreSQL or Qdrant ones would plug in here).</summary>
internal static class IndexFactory
{
    public static ILexicalIndex Lexical() => new Bm25LexicalIndex();

    /// <summary>Brute force while small, HNSW beyond the adaptive threshold (docs/knowledge-indexes.md).</summary>
    public static IVectorIndex Vectors(int dimensions) => Vectors(dimensions, VectorPrecision.Float32);

    public static IVectorIndex Vectors(int dimensions, VectorPrecision precision) => new AdaptiveVectorIndex(dimensions, precision);

    public static IVectorIndex LoadVectors(string path) => VectorIndexFile.Load(path);
}
