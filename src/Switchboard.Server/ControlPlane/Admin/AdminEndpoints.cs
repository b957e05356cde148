using Switchboard.Server.ControlPlane.Admin.Audit;
using Switchboard.Server.ControlPlane.Admin.Keys;
using Switchboard.Server.ControlPlane.Admin.Limits;
using Switchboard.Server.ControlPlane.Admin.Providers;
using Switchboard.Server.ControlPlane.Admin.ServiceAccounts;
using Switchboard.Server.ControlPlane.Admin.Status;
using Switchboard.Server.ControlPlane.Admin.Teams;
using Switchboard.Server.ControlPlane.Admin.Tenant;
using Switchboard.Server.ControlPlane.Admin.Users;

namespace Switchboard.Server.ControlPlane.Admin;

/// <summary>
/// Maps the admin API under <c>/api/v1/admin</c> (and the self-service <c>/api/v1/keys</c>). Every endpoint declares
/// its permission; errors are ProblemDetails naming the problem; every change is audited (docs/control-plane.md).
/// </summary>
internal static class AdminEndpoints
{
    public static WebApplication MapAdminEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/admin");
        AdminUserEndpoints.Map(admin);
        AdminTeamEndpoints.Map(admin);
        AdminKeyEndpoints.Map(admin, app);
        AdminServiceAccountEndpoints.Map(admin);
        AdminTenantEndpoints.Map(admin);
        AdminAuditEndpoints.Map(admin);
        AdminSystemEndpoint.Map(admin);
        AdminProviderEndpoints.Map(admin);
        AdminLimitEndpoints.Map(admin);
        AdminBudgetEndpoints.Map(admin);
        return app;
    }
}
