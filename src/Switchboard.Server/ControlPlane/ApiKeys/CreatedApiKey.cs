namespace Switchboard.Server.ControlPlane.ApiKeys;

/// <summary>A stored key and, only here and only once, the key itself (null for imported keys).</summary>
internal sealed record CreatedApiKey(ApiKey Key, string? Secret);
