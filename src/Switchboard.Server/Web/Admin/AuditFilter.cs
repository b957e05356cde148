namespace Switchboard.Server.Web.Admin;

/// <summary>
/// The audit page's filters, in the admin API's terms (<c>GET /api/v1/admin/audit</c>): an action (exact, or a prefix
/// ending in <c>*</c>), an actor (<c>user:&lt;id&gt;</c>, <c>key:&lt;id&gt;</c>, <c>system</c>, <c>anonymous</c>), a target
/// (<c>user:&lt;id&gt;</c>, <c>team:&lt;id&gt;</c>…), and the UTC days from and to (both included). Empty means any.
/// </summary>
internal sealed record AuditFilter(string? Action = null, string? Actor = null, string? Target = null, DateOnly? From = null, DateOnly? To = null);
