using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class OrderAssignmentConfiguration : IEntityTypeConfiguration<OrderAssignment>
{
    public void Configure(EntityTypeBuilder<OrderAssignment> builder)
    {
        builder.HasKey(a => new { a.OrderId, a.UserId });
        builder.Property(a => a.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(a => new { a.UserId, a.OrderId });
        builder.HasIndex(a => new { a.UserId, a.OrderCreatedAt, a.OrderId });
        builder.HasOne<Maxmontaj.Core.Users.ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
