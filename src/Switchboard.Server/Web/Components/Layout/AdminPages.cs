using MudBlazor;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Components.Layout;

/// <summary>
/// The admin section's pages, in menu order: a new page is one entry here plus its component under <c>Pages/Admin</c>.
/// The menu shows an entry to those whose principal holds its permission.
/// </summary>
internal static class AdminPages
{
    public static IReadOnlyList<AdminPage> All { get; } =
    [
        new("/admin/system", Icons.Material.Outlined.MonitorHeart, t => t.NavSystem, WebPermission.ViewSystem),
        new("/admin/users", Icons.Material.Outlined.People, t => t.NavUsers, WebPermission.ManageUsers),
        new("/admin/keys", Icons.Material.Outlined.Key, t => t.NavKeys, WebPermission.ManageKeys),
        new("/admin/teams", Icons.Material.Outlined.Groups, t => t.NavTeams, WebPermission.ManageTeams),
        new("/admin/budgets", Icons.Material.Outlined.Savings, t => t.NavBudgets, WebPermission.ViewBudgets),
        new("/admin/audit", Icons.Material.Outlined.FactCheck, t => t.NavAudit, WebPermission.ViewAudit),
        new("/admin/analytics", Icons.Material.Outlined.ShowChart, t => t.NavAnalytics, WebPermission.ViewUsage),
        new("/admin/providers", Icons.Material.Outlined.Router, t => t.NavProviders, WebPermission.ManageProviders),
    ];
}

