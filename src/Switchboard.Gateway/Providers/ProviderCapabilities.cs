using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Providers;

/// <summary>An adapter whose provider counts tokens for a model (YandexGPT <c>tokenize</c>, GigaChat <c>tokens/count</c>).</summary>
internal interface ITokenCounter
{
    Task<int> CountTokensAsync(Deployment deployment, string text, CancellationToken cancellationToken);
}

/// <summary>An adapter whose provider lists its models (GigaChat <c>models</c>).</summary>
internal interface IModelLister
{
    Task<IReadOnlyList<string>> ListModelsAsync(CancellationToken cancellationToken);
}
