using Maxmontaj.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.MaxActorName);
        builder.Property(e => e.Ip).HasMaxLength(AuditEntry.MaxIp);
        builder.Property(e => e.SubjectType).HasMaxLength(AuditEntry.MaxSubjectType);
        builder.Property(e => e.SubjectId).HasMaxLength(AuditEntry.MaxSubjectId);
        builder.Property(e => e.Details).HasMaxLength(AuditEntry.MaxDetails);
        // Newest-first keyset paging and retention read At (then Id); the page filters by kind, actor and subject.
        builder.HasIndex(e => new { e.At, e.Id });
        builder.HasIndex(e => new { e.Kind, e.At });
        builder.HasIndex(e => new { e.ActorUserId, e.At });
        builder.HasIndex(e => new { e.SubjectType, e.SubjectId });
    }
}
