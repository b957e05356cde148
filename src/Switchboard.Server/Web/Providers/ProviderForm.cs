namespace Switchboard.Server.Web.Providers;

/// <summary>
/// The provider dialog's fields. An empty <see cref="BaseUrl"/> leaves it to the type's public endpoint; an empty
/// <see cref="ApiKey"/> or <c>***</c> keeps the stored key.
/// </summary>
internal sealed record ProviderForm(string Name, string Type, string? BaseUrl, string? ApiKey, bool Local);
