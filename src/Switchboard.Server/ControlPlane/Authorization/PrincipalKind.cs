namespace Switchboard.Server.ControlPlane.Authorization;

/// <summary>How a caller of the product API proved who it is.</summary>
internal enum PrincipalKind
{
    /// <summary>A user with an access token (JWT) from <c>/api/v1/auth/login</c> or OIDC.</summary>
    User,

    /// <summary>A tenant-scoped API key, acting with its owner's role.</summary>
    ApiKey,

    /// <summary>The bootstrap admin key (<c>SWITCHBOARD_ADMIN_KEY</c>): every permission, in the tenant it names.</summary>
    BootstrapAdmin,
}
