namespace Switchboard.Gateway.Routing;

/// <summary>What a request needs from a deployment, read from its body by the inspector.</summary>
internal readonly record struct RequestFeatures
{
    public UpstreamOperation Operation { get; init; }

    public bool Stream { get; init; }

    public bool HasTools { get; init; }

    /// <summary><c>response_format</c> is json_object or json_schema.</summary>
    public bool JsonMode { get; init; }

    public bool HasImages { get; init; }

    /// <summary>
    /// A deliberately generous estimate of the prompt's tokens (input bytes / 3): it only keeps requests
    /// away from windows they would overflow, and a context-length error still fails over.
    /// </summary>
    public int EstimatedPromptTokens { get; init; }

    public static RequestFeatures Of(UpstreamOperation operation, in Protocol.InspectedRequest request) => new()
    {
        Operation = operation,
        Stream = request.Stream,
        HasTools = request.HasTools,
        JsonMode = request.JsonMode,
        HasImages = request.HasImages,
        EstimatedPromptTokens = request.InputBytes / 3,
    };
}
