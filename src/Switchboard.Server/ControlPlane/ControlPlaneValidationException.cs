namespace Switchboard.Server.ControlPlane;

/// <summary>A request the control plane refuses (invalid input, a duplicate); the message is safe to show the caller.</summary>
internal sealed class ControlPlaneValidationException(string message) : Exception(message);
