namespace Switchboard.Gateway.Routing.Health;

/// <summary>A deployment's health as seen from its recent attempts.</summary>
internal enum HealthState
{
    /// <summary>Few or no failures recently.</summary>
    Healthy = 0,

    /// <summary>Failing noticeably (above the degraded threshold) but still in rotation.</summary>
    Degraded = 1,

    /// <summary>Out of rotation: circuit open, or cooling down after a 429.</summary>
    Unhealthy = 2,
}
