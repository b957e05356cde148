namespace Switchboard.Server.ControlPlane.Endpoints;

/// <summary>Authorization policies of the product API.</summary>
internal static class ControlPlanePolicies
{
    /// <summary>Any user with a valid access token (JWT bearer); roles are checked by the RBAC layer.</summary>
    public const string User = "control-plane-user";
}
