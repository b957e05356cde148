using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Server.Usage.Storage;

internal sealed class BudgetRowConfiguration : IEntityTypeConfiguration<BudgetRow>
{
    public void Configure(EntityTypeBuilder<BudgetRow> builder)
    {
        builder.ToTable("usage_budgets");
        builder.Property(r => r.Scope).HasMaxLength(16);
        builder.Property(r => r.ScopeId).HasMaxLength(64);
        builder.Property(r => r.TenantId).HasMaxLength(64);
        builder.Property(r => r.Period).HasMaxLength(8);
        builder.Property(r => r.Currency).HasMaxLength(3);
        builder.Property(r => r.LimitAmount).HasPrecision(20, 6);
        builder.Property(r => r.SoftLimitAmount).HasPrecision(20, 6);
        builder.HasIndex(r => new { r.Scope, r.ScopeId, r.Period }).IsUnique();
    }
}
