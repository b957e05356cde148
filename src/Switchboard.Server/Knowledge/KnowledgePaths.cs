namespace Switchboard.Server.Knowledge;

/// <summary>Where the knowledge base keeps its state under the data directory.</summary>
internal sealed record KnowledgePaths(string Root)
{
    public string Files => Path.Combine(Root, "files");

    /// <summary>The vector index saved at shutdown and loaded at start (the database stays the source of truth).</summary>
    public string VectorSnapshot => Path.Combine(Root, "vectors.idx");
}
