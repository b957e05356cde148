using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Audit;
using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tokens;

namespace Switchboard.Server.ControlPlane;

/// <summary>Everything the control plane (tenants, users, tokens, audit) is configured with. Validated at start-up.</summary>
internal sealed class ControlPlaneOptions
{
    /// <summary>Holds <c>control.db</c> (SQLite) and the generated JWT signing key.</summary>
    public string DataDirectory { get; set; } = "data";

    public ControlPlaneStorageOptions Storage { get; set; } = new();

    public TokenOptions Tokens { get; set; } = new();

    public LockoutOptions Lockout { get; set; } = new();

    public PasswordHashingOptions PasswordHashing { get; set; } = new();

    public AuditOptions Audit { get; set; } = new();

    /// <summary>Sign-in through an OpenID Connect provider; off unless its issuer is set.</summary>
    public OidcOptions Oidc { get; set; } = new();
}
