namespace Switchboard.Server.ControlPlane;

/// <summary>
/// A request the control plane understood but will not carry out: <see cref="Status"/> is 403 (the caller may not, e.g.
/// an admin changing an owner) or 409 (it would break an invariant, e.g. removing the last owner). The message is safe
/// to show the caller.
/// </summary>
internal sealed class ControlPlaneRefusedException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
