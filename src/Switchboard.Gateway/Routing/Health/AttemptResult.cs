namespace Switchboard.Gateway.Routing.Health;

/// <summary>How one attempt ended, as far as the deployment's health is concerned.</summary>
internal enum AttemptResult
{
    /// <summary>Answered (including caller errors such as 400: the deployment did its job).</summary>
    Success,

    /// <summary>5xx, timeout, connection error, a stream cut by the upstream.</summary>
    Failure,

    /// <summary>429: the deployment is fine but asks us to back off.</summary>
    RateLimited,

    /// <summary>Says nothing about the deployment (client went away, provider misconfigured).</summary>
    Neutral,
}
