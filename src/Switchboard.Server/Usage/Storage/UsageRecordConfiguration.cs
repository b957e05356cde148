using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Server.Usage.Storage;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.ToTable("usage_records");
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.RequestId).HasMaxLength(128);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.TeamId).HasMaxLength(64);
        builder.Property(r => r.UserId).HasMaxLength(64);
        builder.Property(r => r.KeyId).HasMaxLength(64);
        builder.Property(r => r.Operation).HasMaxLength(32);
        builder.Property(r => r.Alias).HasMaxLength(256);
        builder.Property(r => r.Deployment).HasMaxLength(512);
        builder.Property(r => r.Provider).HasMaxLength(256);
        builder.Property(r => r.ErrorType).HasMaxLength(64);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.Source).HasMaxLength(16);
        // Retention deletes by time; analytics and budget rebuilds filter by tenant, team or key, then time.
        builder.HasIndex(r => r.OccurredAt);
        builder.HasIndex(r => new { r.TenantId, r.OccurredAt });
        builder.HasIndex(r => new { r.TeamId, r.OccurredAt });
        builder.HasIndex(r => new { r.KeyId, r.OccurredAt });
    }
}
