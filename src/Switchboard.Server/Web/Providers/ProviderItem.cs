namespace Switchboard.Server.Web.Providers;

/// <summary>
/// A provider as the config file has it, secrets masked: <see cref="ApiKey"/> is an <c>env:</c> reference as written,
/// <c>***</c> for a literal key, or null. Immutable.
/// </summary>
internal sealed record ProviderItem(string Name, string Type, string? BaseUrl, string? ApiKey, bool Local);
