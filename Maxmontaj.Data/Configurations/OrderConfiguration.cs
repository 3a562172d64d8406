using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>
{
    public void Configure(EntityTypeBuilder<Order> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(16).IsRequired();
        builder.Property(o => o.CustomerName).HasMaxLength(200).IsRequired();
        builder.Property(o => o.ContactPhone).HasMaxLength(20).IsRequired();
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.Property(o => o.InternalNotes).HasMaxLength(4000);
        builder.Property(o => o.DeclineReason).HasMaxLength(500);
        builder.Property(o => o.SearchText).HasMaxLength(1000).IsRequired();
        builder.Property(o => o.PriceEstimate).HasPrecision(12, 2);
        builder.Property(o => o.FinalPrice).HasPrecision(12, 2);
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(o => o.Version).IsConcurrencyToken();

        builder.OwnsOne(o => o.Address, address =>
        {
            address.Property(a => a.Text).HasColumnName("AddressText").HasMaxLength(500).IsRequired();
            address.Property(a => a.Latitude).HasColumnName("Latitude");
            address.Property(a => a.Longitude).HasColumnName("Longitude");
        });

        builder.HasOne(o => o.WorkType).WithMany().HasForeignKey(o => o.WorkTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Assignments).WithOne().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Events).WithOne().HasForeignKey(e => e.OrderId).OnDelete(DeleteBehavior.Cascade);

        // The list filters and sorts on these; the board reads by status and visit time. Keyset pages follow an index
        // whose order ends with the id (InnoDB appends the primary key to every secondary index; ADR 0027).
        builder.HasIndex(o => new { o.Year, o.Sequence }).IsUnique();
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.Status, o.ScheduledStart });
        builder.HasIndex(o => new { o.Status, o.CreatedAt });
        builder.HasIndex(o => new { o.WorkTypeId, o.ScheduledStart });
        builder.HasIndex(o => o.ScheduledStart);
        builder.HasIndex(o => o.CreatedAt);
        builder.HasIndex(o => o.ContactPhone);
        builder.HasIndex(o => o.CustomerId);
        builder.HasIndex(o => o.CustomerName);

        // Analytics filter on these days (yyyymmdd), then aggregate plain columns. The indexes cover the columns each
        // dashboard query reads, so a quarter of mostly closed orders is a range scan of one index, not a lookup per row.
        builder.HasIndex(o => new { o.CreatedDay, o.WorkTypeId, o.Status });
        builder.HasIndex(o => new
        {
            o.CompletedDay, o.WorkTypeId, o.LeadTimeMinutes, o.StartedOnTime, o.HadCallback, o.MeasurementToInstallMinutes,
            o.OnSiteMinutes, o.EstimatedMinutes, o.ReworkCount, // the staff report's columns too (ADR 0028)
        });
        builder.HasIndex(o => new { o.ClosedDay, o.WorkTypeId, o.ReworkCount, o.FinalPrice });
        builder.HasIndex(o => o.CancelledDay);
        builder.HasIndex(o => new { o.ContactPhone, o.WorkTypeId, o.CompletedAt });
    }
}
