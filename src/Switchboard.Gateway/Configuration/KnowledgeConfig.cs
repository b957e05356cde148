namespace Switchboard.Gateway.Configuration;

/// <summary>
/// The <c>knowledge</c> section of the config file: which aliases the knowledge base uses and how it answers
/// (docs/knowledge.md). Every field is optional; unset fields keep the knowledge base's defaults. Hot-reloaded.
/// </summary>
public sealed record KnowledgeConfig
{
    /// <summary>Embedding alias for chunks and queries; unset → lexical retrieval only.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>Chat alias that writes answers; unset → extractive answers.</summary>
    public string? ChatModel { get; set; }

    /// <summary>Alias that rewrites follow-up questions; defaults to the chat model.</summary>
    public string? RewriteModel { get; set; }

    /// <summary>Chat alias that re-ranks search candidates by LLM scoring; unset → no re-ranking.</summary>
    public string? RerankModel { get; set; }

    public int? RerankCandidates { get; set; }

    public bool? Strict { get; set; }

    public double? MinTermCoverage { get; set; }

    public double? MinSimilarity { get; set; }

    /// <summary><c>f32</c> (default) or <c>int8</c>: how a new vector index stores vectors.</summary>
    public string? VectorPrecision { get; set; }

    public int? ChunkTokens { get; set; }

    public int? ChunkOverlapTokens { get; set; }

    public long? MaxFileBytes { get; set; }

    public long? MaxDecompressedBytes { get; set; }

    public bool? AllowPrivateUrls { get; set; }

    public int? AnswerPassages { get; set; }

    public int? AnswerMaxTokens { get; set; }

    /// <summary>The answer prompt; must contain <c>{sources}</c>.</summary>
    public string? PromptTemplate { get; set; }
}
