namespace Switchboard.Server.Web.Analytics;

/// <summary>The analytics page's filter choices: the aliases of the live config, and the tenant's teams (id, name) for holders of <c>usage.read</c>.</summary>
internal sealed record UsageFilters(IReadOnlyList<string> Models, IReadOnlyList<KeyValuePair<string, string>> Teams);
