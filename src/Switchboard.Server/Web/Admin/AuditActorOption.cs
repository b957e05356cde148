namespace Switchboard.Server.Web.Admin;

/// <summary>An actor the audit page can filter by: its value in the API's terms (<c>user:&lt;id&gt;</c>) and what to show.</summary>
internal sealed record AuditActorOption(string Value, string Label);
