namespace Switchboard.Server.ControlPlane.Admin.Keys;

/// <summary>A new key: <see cref="Secret"/> is the key itself, shown this once and never again.</summary>
internal sealed record CreatedKeyView(string Secret, KeyView Key);
