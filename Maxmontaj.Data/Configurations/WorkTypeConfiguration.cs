using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class WorkTypeConfiguration : IEntityTypeConfiguration<WorkType>
{
    public void Configure(EntityTypeBuilder<WorkType> builder)
    {
        builder.Property(w => w.Code).HasMaxLength(64).IsRequired();
        builder.Property(w => w.Name).HasMaxLength(200).IsRequired();
        builder.HasIndex(w => w.Code).IsUnique();
    }
}
