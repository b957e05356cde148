using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Switchboard.Server.ControlPlane.Identity;

internal sealed class IdentityChangeCounterConfiguration : IEntityTypeConfiguration<IdentityChangeCounter>
{
    public void Configure(EntityTypeBuilder<IdentityChangeCounter> builder)
    {
        builder.ToTable("identity_changes");
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.HasData(new IdentityChangeCounter { Id = IdentityChangeCounter.RowId, Version = 0 });
    }
}
