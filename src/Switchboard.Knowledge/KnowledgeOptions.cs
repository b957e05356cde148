namespace Switchboard.Knowledge;

/// <summary>
/// Knowledge-base settings (the <c>knowledge</c> section of the config file, docs/knowledge.md). Immutable; a config
/// reload swaps the whole record.
/// </summary>
internal sealed record KnowledgeOptions
{
    /// <summary>Embedding alias for chunks and queries; null → lexical retrieval only.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Chat alias for answers; null → extractive answers (best passages with citations).</summary>
    public string? ChatModel { get; init; }

    /// <summary>Alias that rewrites follow-up questions into standalone queries; defaults to <see cref="ChatModel"/>.</summary>
    public string? RewriteModel { get; init; }

    /// <summary>Chat alias that re-ranks the first-stage candidates (LLM scoring); null → no re-ranking.</summary>
    public string? RerankModel { get; init; }

    /// <summary>How many first-stage candidates the re-ranker scores.</summary>
    public int RerankCandidates { get; init; } = 20;

    /// <summary>Say "not found" rather than answer when no passage is relevant enough.</summary>
    public bool Strict { get; init; } = true;

    /// <summary>Share of the question's content words a passage must contain to count as relevant (strict mode).</summary>
    public double MinTermCoverage { get; init; } = 0.5;

    /// <summary>Cosine similarity at which a passage counts as relevant on its own (strict mode, vector search).</summary>
    public double MinSimilarity { get; init; } = 0.5;

    /// <summary>How a new vector index stores vectors: f32, or int8 (4× less memory, top-10 overlap ≈ 0.99 with f32).</summary>
    public Vectors.VectorPrecision VectorPrecision { get; init; } = Vectors.VectorPrecision.Float32;

    public int ChunkTokens { get; init; } = 350;

    public int ChunkOverlapTokens { get; init; } = 50;

    /// <summary>Largest accepted file; bigger ones become failed documents naming the limit.</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Largest decompressed size of an Office file (zip-bomb guard).</summary>
    public long MaxDecompressedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Allow URL ingestion from loopback and private networks (off: an intranet page is not fetched by accident).</summary>
    public bool AllowPrivateUrls { get; init; }

    /// <summary>Documents processed in parallel.</summary>
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount - 1);

    /// <summary>Passages given to the answering model, at most (fewer when the context window is small).</summary>
    public int AnswerPassages { get; init; } = 6;

    public int AnswerMaxTokens { get; init; } = 800;

    /// <summary>The answer prompt; <c>{sources}</c> is replaced by the numbered passages. Collections may override it.</summary>
    public string PromptTemplate { get; init; } = DefaultPromptTemplate;

    public const string DefaultPromptTemplate = """
        You answer questions using only the numbered sources below. Cite every statement with the number of its source in
        square brackets, like [1] or [2][3]. If the sources do not contain the answer, say that you could not find it in the
        documents instead of guessing. Answer in the language of the question.

        Sources:
        {sources}
        """;
}
