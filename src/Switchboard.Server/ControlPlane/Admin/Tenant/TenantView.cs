namespace Switchboard.Server.ControlPlane.Admin.Tenant;

/// <summary>The caller's tenant; <see cref="Operator"/>: it runs the server (server-wide permissions).</summary>
internal sealed record TenantView(Guid Id, string Slug, string Name, string Currency, DateTimeOffset CreatedAt, bool Operator)
{
    public static TenantView Of(Tenancy.Tenant t, bool isOperator) => new(t.Id, t.Slug, t.Name, t.Currency, t.CreatedAt, isOperator);
}
