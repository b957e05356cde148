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
    ];
}

