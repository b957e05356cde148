using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Admin.ServiceAccounts;

internal sealed record ServiceAccountView(Guid Id, string Name, string Role, bool Disabled, DateTimeOffset CreatedAt)
{
    public static ServiceAccountView Of(ServiceAccount s) => new(s.Id, s.Name, AdminApi.RoleText(s.Role), s.Disabled, s.CreatedAt);
}
