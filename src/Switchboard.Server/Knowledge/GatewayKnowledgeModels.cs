using System.Text.Json.Nodes;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Clients;
using Switchboard.Gateway.Routing;
using Switchboard.Knowledge.Access;
using Switchboard.Knowledge.Models;

namespace Switchboard.Server.Knowledge;

/// <summary>
/// The knowledge base's models, called through the gateway's own relay (<see cref="InProcessModelClient"/>): an
/// embedding or answering alias may be a cloud provider, a local llama.cpp model or a failover group. Calls carry the
/// asking key's rights; ingestion runs as the system. Thread-safe.
/// </summary>
internal sealed class GatewayKnowledgeModels(InProcessModelClient client) : IKnowledgeModels
{
    public bool Exists(string alias) => client.HasAlias(alias);

    public int? ContextWindow(string alias) => client.ContextWindow(alias);

    public async Task<float[][]> EmbedAsync(KnowledgeCaller caller, string alias, IReadOnlyList<string> inputs, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["input"] = new JsonArray([.. inputs.Select(i => JsonValue.Create(i))]) };
        var answer = await CallAsync(() => client.SendAsync(Gateway(caller), alias, UpstreamOperation.Embeddings, request, cancellationToken)).ConfigureAwait(false);
        if (answer["data"] is not JsonArray data)
        {
            throw new KnowledgeModelException($"The embedding model '{alias}' returned no data.");
        }

        var vectors = new float[inputs.Count][];
        foreach (var item in data.OfType<JsonObject>())
        {
            var index = item["index"]?.GetValue<int>() ?? -1;
            if (index < 0 || index >= vectors.Length || item["embedding"] is not JsonArray embedding)
            {
                throw new KnowledgeModelException($"The embedding model '{alias}' returned an item without a valid index or embedding.");
            }

            vectors[index] = [.. embedding.Select(v => v!.GetValue<float>())];
        }

        return vectors.Any(v => v is null) ? throw new KnowledgeModelException($"The embedding model '{alias}' skipped some inputs.") : vectors;
    }

    public async Task<ChatAnswer> CompleteAsync(KnowledgeCaller caller, string alias, IReadOnlyList<ChatTurn> messages, int maxTokens,
        CancellationToken cancellationToken)
    {
        var answer = await CallAsync(() => client.SendAsync(Gateway(caller), alias, UpstreamOperation.ChatCompletions, Request(messages, maxTokens),
            cancellationToken)).ConfigureAwait(false);
        var text = answer["choices"]?[0]?["message"]?["content"]?.GetValue<string>()
            ?? throw new KnowledgeModelException($"The model '{alias}' returned no text.");
        var usage = answer["usage"];
        return new ChatAnswer(text, answer["model"]?.GetValue<string>(), usage?["prompt_tokens"]?.GetValue<int>() ?? 0,
            usage?["completion_tokens"]?.GetValue<int>() ?? 0);
    }

    public IAsyncEnumerable<string> StreamAsync(KnowledgeCaller caller, string alias, IReadOnlyList<ChatTurn> messages, int maxTokens,
        CancellationToken cancellationToken) =>
        client.StreamTextAsync(Gateway(caller), alias, Request(messages, maxTokens), cancellationToken)
            .Translate((ModelCallException ex) => new KnowledgeModelException(ex.Message, ex.Status, ex), cancellationToken);

    /// <summary>The gateway identity of a knowledge-base caller: the system runs as an admin of every alias.</summary>
    private static GatewayCaller Gateway(KnowledgeCaller caller) =>
        KnowledgeCallers.GatewayCallerOf(caller) ?? new GatewayCaller(caller.Principal, caller.Principal, null, caller.IsAdmin);

    private static JsonObject Request(IReadOnlyList<ChatTurn> messages, int maxTokens) => new()
    {
        ["messages"] = new JsonArray([.. messages.Select(m => new JsonObject { ["role"] = m.Role, ["content"] = m.Content })]),
        ["max_tokens"] = maxTokens,
    };

    private static async Task<JsonObject> CallAsync(Func<Task<JsonObject>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ModelCallException ex)
        {
            throw new KnowledgeModelException(ex.Message, ex.Status, ex);
        }
    }
}
