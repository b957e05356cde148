namespace Switchboard.Server.ControlPlane.Admin.ServiceAccounts;

internal sealed record ServiceAccountList(IReadOnlyList<ServiceAccountView> ServiceAccounts);
