using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers.YandexGpt;

/// <summary>
/// The URLs and model URIs of one YandexGPT provider: the Foundation Models methods under the provider's
/// base URL, the operations API for asynchronous completions and the IAM token URL. Model names from the
/// config become <c>gpt://&lt;folder&gt;/&lt;model&gt;</c> (or <c>emb://</c> for embeddings) unless they are
/// full URIs already. Immutable.
/// </summary>
internal sealed class YandexEndpoints
{
    public const string DefaultOperationsUrl = "https://operation.api.cloud.yandex.net";

    public const string DefaultAuthUrl = "https://iam.api.cloud.yandex.net/iam/v1/tokens";

    private readonly Uri _operations;

    public YandexEndpoints(UpstreamProvider provider)
    {
        var config = provider.Config;
        FolderId = config?.FolderId ?? "";
        Completion = new Uri(provider.BaseUri, "foundationModels/v1/completion");
        CompletionAsync = new Uri(provider.BaseUri, "foundationModels/v1/completionAsync");
        TextEmbedding = new Uri(provider.BaseUri, "foundationModels/v1/textEmbedding");
        Tokenize = new Uri(provider.BaseUri, "foundationModels/v1/tokenize");
        var operations = config?.OperationsUrl ?? DefaultOperationsUrl;
        _operations = new Uri((operations.EndsWith('/') ? operations : operations + "/") + "operations/");
        Auth = new Uri(config?.AuthUrl ?? DefaultAuthUrl);
    }

    public string FolderId { get; }

    public Uri Completion { get; }

    public Uri CompletionAsync { get; }

    public Uri TextEmbedding { get; }

    public Uri Tokenize { get; }

    public Uri Auth { get; }

    public Uri Operation(string id) => new(_operations, Uri.EscapeDataString(id));

    /// <summary>The URI of a text generation model: <c>yandexgpt/rc</c> → <c>gpt://&lt;folder&gt;/yandexgpt/rc</c>.</summary>
    public string GptUri(string model) => IsUri(model) ? model : $"gpt://{FolderId}/{model}";

    /// <summary>The URI of an embedding model: <c>text-search-doc/latest</c> → <c>emb://&lt;folder&gt;/text-search-doc/latest</c>.</summary>
    public string EmbUri(string model) => IsUri(model) ? model : $"emb://{FolderId}/{model}";

    private static bool IsUri(string model) => model.Contains("://", StringComparison.Ordinal);
}
