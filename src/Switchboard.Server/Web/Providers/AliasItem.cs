namespace Switchboard.Server.Web.Providers;

/// <summary>
/// An alias and its deployments. <see cref="Router"/>: it classifies requests to other aliases instead of having
/// deployments. <see cref="Discovered"/>: a model found in a local models directory, served as an alias of its own
/// without being in the file, so it cannot be edited here. Immutable.
/// </summary>
internal sealed record AliasItem(string Alias, string Policy, bool Router, IReadOnlyList<DeploymentItem> Deployments, bool Discovered = false);
