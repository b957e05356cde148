namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>The claims in a Switchboard access token.</summary>
internal static class ControlPlaneClaims
{
    /// <summary>The user id.</summary>
    public const string Subject = "sub";

    /// <summary>The tenant id.</summary>
    public const string Tenant = "tenant";

    /// <summary><c>owner</c>, <c>admin</c>, <c>member</c> or <c>viewer</c>.</summary>
    public const string Role = "role";

    /// <summary>The display name.</summary>
    public const string Name = "name";

    public const string TokenId = "jti";
}
