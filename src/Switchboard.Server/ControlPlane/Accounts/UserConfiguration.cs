using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Server.ControlPlane.Storage;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Email).HasMaxLength(320);
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(256);
        builder.Property(u => u.ExternalIssuer).HasMaxLength(512);
        builder.Property(u => u.ExternalSubject).HasMaxLength(256);
        builder.Property(u => u.Role).HasConversion(new LowerCaseEnumConverter<UserRole>()).HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(u => new { u.TenantId, u.Email }).IsUnique();
        // NULLs are distinct in unique indexes on both providers, so password users never collide here.
        builder.HasIndex(u => new { u.TenantId, u.ExternalIssuer, u.ExternalSubject }).IsUnique();
    }
}
