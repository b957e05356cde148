using MudBlazor;
using Switchboard.Server.Web.Auth;

namespace Switchboard.Server.Web.Components.Layout;

/// <summary>
/// The admin section's pages, in menu order. A new page (teams and roles, providers, budgets, analytics, audit) is one
/// entry here plus its component under <c>Pages/Admin</c>.
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
    ];
}

