using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Switchboard.Server.ControlPlane.Accounts;
using Switchboard.Server.ControlPlane.Tenancy;

namespace Switchboard.Server.ControlPlane.ApiKeys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys", table => table.HasCheckConstraint("ck_api_keys_one_owner",
            "(CASE WHEN owner_user_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN owner_team_id IS NULL THEN 0 ELSE 1 END)"
            + " + (CASE WHEN owner_service_account_id IS NULL THEN 0 ELSE 1 END) = 1"));
        builder.Property(k => k.Name).HasMaxLength(200);
        builder.Property(k => k.KeyHash).HasMaxLength(64);
        builder.Property(k => k.KeyPrefix).HasMaxLength(16);
        builder.Property(k => k.RoutePreference).HasMaxLength(32);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Team>().WithMany().HasForeignKey(k => k.OwnerTeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceAccount>().WithMany().HasForeignKey(k => k.OwnerServiceAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => k.KeyHash).IsUnique();
        builder.HasIndex(k => new { k.TenantId, k.Name });
    }
}
