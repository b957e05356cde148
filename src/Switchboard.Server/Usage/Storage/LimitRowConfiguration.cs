using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Server.Usage.Storage;

internal sealed class LimitRowConfiguration : IEntityTypeConfiguration<LimitRow>
{
    public void Configure(EntityTypeBuilder<LimitRow> builder)
    {
        builder.ToTable("usage_limits");
        builder.Property(r => r.Scope).HasMaxLength(16);
        builder.Property(r => r.ScopeId).HasMaxLength(64);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.HasIndex(r => new { r.Scope, r.ScopeId }).IsUnique();
    }
}
