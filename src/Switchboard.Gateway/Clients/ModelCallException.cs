namespace Switchboard.Gateway.Clients;

/// <summary>A model call made inside the process failed; <see cref="Exception.Message"/> is the gateway's error text, safe to show.</summary>
public sealed class ModelCallException(int status, string message) : Exception(message)
{
    /// <summary>The HTTP status the gateway answered with (404 unknown alias, 403 not allowed, 502/504 upstream failures…).</summary>
    public int Status { get; } = status;
}
