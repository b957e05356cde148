using Switchboard.Gateway.Configuration;
using Switchboard.Knowledge;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Server.Knowledge;

/// <summary>Maps the config file's <c>knowledge</c> section onto the knowledge base's options; unset fields keep their defaults.</summary>
internal static class KnowledgeOptionsMapper
{
    private static readonly KnowledgeOptions Defaults = new();

    public static KnowledgeOptions Map(KnowledgeConfig c) => new()
    {
        EmbeddingModel = c.EmbeddingModel,
        ChatModel = c.ChatModel,
        RewriteModel = c.RewriteModel,
        RerankModel = c.RerankModel,
        RerankCandidates = c.RerankCandidates ?? Defaults.RerankCandidates,
        Strict = c.Strict ?? Defaults.Strict,
        MinTermCoverage = c.MinTermCoverage ?? Defaults.MinTermCoverage,
        MinSimilarity = c.MinSimilarity ?? Defaults.MinSimilarity,
        VectorPrecision = c.VectorPrecision == "int8" ? VectorPrecision.Int8 : VectorPrecision.Float32,
        ChunkTokens = c.ChunkTokens ?? Defaults.ChunkTokens,
        ChunkOverlapTokens = c.ChunkOverlapTokens ?? Defaults.ChunkOverlapTokens,
        MaxFileBytes = c.MaxFileBytes ?? Defaults.MaxFileBytes,
        MaxDecompressedBytes = c.MaxDecompressedBytes ?? Defaults.MaxDecompressedBytes,
        AllowPrivateUrls = c.AllowPrivateUrls ?? Defaults.AllowPrivateUrls,
        AnswerPassages = c.AnswerPassages ?? Defaults.AnswerPassages,
        AnswerMaxTokens = c.AnswerMaxTokens ?? Defaults.AnswerMaxTokens,
        PromptTemplate = c.PromptTemplate ?? Defaults.PromptTemplate,
    };
}
