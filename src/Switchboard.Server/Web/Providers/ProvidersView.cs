namespace Switchboard.Server.Web.Providers;

/// <summary>The providers page: providers and aliases from the config file with live deployment states, and the reason the last hand edit of the file was refused, if it was.</summary>
internal sealed record ProvidersView(IReadOnlyList<ProviderItem> Providers, IReadOnlyList<AliasItem> Aliases, string? LastRejectedChange);
