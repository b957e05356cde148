namespace Switchboard.Server.Web.Providers;

/// <summary>The alias dialog's fields: the alias and its policy, and for a new alias its first deployment.</summary>
internal sealed record AliasForm(string Alias, string Policy, string? Provider = null, string? Model = null);
