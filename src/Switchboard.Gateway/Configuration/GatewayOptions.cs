namespace Switchboard.Gateway.Configuration;

/// <summary>Gateway-wide limits; hot-reloaded with the rest of the file.</summary>
public sealed record GatewayOptions
{
    public const long DefaultMaxRequestBodyBytes = 16 * 1024 * 1024;

    /// <summary>Largest accepted request body; larger bodies get 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>
    /// How long one upstream attempt may take to produce its first byte (response headers, and for a
    /// stream its first event). When it expires the next deployment is tried.
    /// </summary>
    public double UpstreamTimeoutSeconds { get; set; } = 300;

    /// <summary>
    /// Stall detection once a stream has started: if no event arrives for this long, the stream is ended
    /// with an error event (and the upstream connection closed).
    /// </summary>
    public double StreamIdleTimeoutSeconds { get; set; } = 120;

    /// <summary>
    /// Budget for everything before the first byte reaches the client — all attempts, queue waits and
    /// retry pauses. 0 means no budget beyond the per-attempt timeouts.
    /// </summary>
    public double TotalTimeoutSeconds { get; set; }

    /// <summary>Retry rounds over the deployments (docs/routing.md).</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary>Passive health of deployments (docs/routing.md).</summary>
    public HealthOptions Health { get; set; } = new();
}
