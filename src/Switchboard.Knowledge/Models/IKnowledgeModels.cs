using Switchboard.Knowledge.Access;

namespace Switchboard.Knowledge.Models;

/// <summary>
/// The models the knowledge base calls — embeddings for chunks and queries, chat for answers and query rewriting —
/// addressed by gateway alias. The server implements it through its own relay, so every provider, local model and
/// failover rule applies. Calls run with the caller's rights; failures throw <see cref="KnowledgeModelException"/>.
/// </summary>
internal interface IKnowledgeModels
{
    bool Exists(string alias);

    /// <summary>The alias's context window in tokens when its deployments declare one.</summary>
    int? ContextWindow(string alias);

    Task<float[][]> EmbedAsync(KnowledgeCaller caller, string alias, IReadOnlyList<string> inputs, CancellationToken cancellationToken);

    Task<ChatAnswer> CompleteAsync(KnowledgeCaller caller, string alias, IReadOnlyList<ChatTurn> messages, int maxTokens,
        CancellationToken cancellationToken);

    /// <summary>Yields text deltas as the model writes them.</summary>
    IAsyncEnumerable<string> StreamAsync(KnowledgeCaller caller, string alias, IReadOnlyList<ChatTurn> messages, int maxTokens,
        CancellationToken cancellationToken);
}
