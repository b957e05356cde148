using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane.Tenancy;

internal sealed class ServiceAccountConfiguration : IEntityTypeConfiguration<ServiceAccount>
{
    public void Configure(EntityTypeBuilder<ServiceAccount> builder)
    {
        builder.ToTable("service_accounts");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Role).HasConversion(new LowerCaseEnumConverter<UserRole>()).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
    }
}
