using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>
{
    public void Configure(EntityTypeBuilder<Report> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.WorkDone).HasMaxLength(4000);
        builder.Property(r => r.ReturnComment).HasMaxLength(2000);
        builder.Property(r => r.PriceEstimate).HasPrecision(12, 2);
        builder.HasIndex(r => r.OrderId).IsUnique();
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Materials).WithOne().HasForeignKey(m => m.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Checks).WithOne().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Photos).WithOne().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Openings).WithOne().HasForeignKey(o => o.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportMaterialConfiguration : IEntityTypeConfiguration<ReportMaterial>
{
    public void Configure(EntityTypeBuilder<ReportMaterial> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Unit).HasMaxLength(20).IsRequired();
        builder.Property(m => m.Quantity).HasPrecision(12, 3);
    }
}

internal sealed class ReportCheckConfiguration : IEntityTypeConfiguration<ReportCheck>
{
    public void Configure(EntityTypeBuilder<ReportCheck> builder) => builder.HasKey(c => new { c.ReportId, c.ChecklistItemId });
}

internal sealed class ReportPhotoConfiguration : IEntityTypeConfiguration<ReportPhoto>
{
    public void Configure(EntityTypeBuilder<ReportPhoto> builder)
    {
        builder.Property(p => p.StoredName).HasMaxLength(64).IsRequired();
        builder.Property(p => p.ContentType).HasMaxLength(32).IsRequired();
        builder.Property(p => p.OriginalName).HasMaxLength(200).IsRequired();
    }
}

internal sealed class MeasurementOpeningConfiguration : IEntityTypeConfiguration<MeasurementOpening>
{
    public void Configure(EntityTypeBuilder<MeasurementOpening> builder)
    {
        builder.Property(o => o.Label).HasMaxLength(100).IsRequired();
        builder.Property(o => o.Notes).HasMaxLength(500);
    }
}

internal sealed class ChecklistItemConfiguration : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> builder)
    {
        builder.Property(c => c.Text).HasMaxLength(200).IsRequired();
        builder.HasOne(c => c.WorkType).WithMany().HasForeignKey(c => c.WorkTypeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.WorkTypeId, c.SortOrder });
    }
}
