namespace Switchboard.Server.Web.Components.Pages.Admin;

/// <summary>
/// A choice of <see cref="UsageTargetSelect"/>: what a limit or budget can be for, as the page shows it — its value
/// (<c>team:&lt;id&gt;</c>), its kind (<c>tenant</c>, <c>team</c>, <c>key</c>) and its name.
/// </summary>
public sealed record UsageTargetChoice(string Value, string Scope, string Name);
