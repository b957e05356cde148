namespace Switchboard.Server.ControlPlane.Oidc;

/// <summary>A sign-in that cannot complete, with the status to answer and a message naming the problem (safe to show).</summary>
internal sealed class OidcException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
