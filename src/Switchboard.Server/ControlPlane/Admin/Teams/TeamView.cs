using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Admin.Teams;

internal sealed record TeamView(Guid Id, string Name, DateTimeOffset CreatedAt)
{
    public static TeamView Of(Team t) => new(t.Id, t.Name, t.CreatedAt);
}
