namespace Switchboard.Server.Web.Admin;

/// <summary>A key just created: the only time its secret exists outside the caller's hands.</summary>
internal sealed record CreatedApiKey(ApiKeyItem Key, string Secret);
