using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(4000).IsRequired();
        builder.Property(m => m.SearchText).HasMaxLength(4000).IsRequired();
        builder.Property(m => m.PhotoStoredName).HasMaxLength(64);
        builder.Property(m => m.PhotoContentType).HasMaxLength(32);
        builder.HasOne<Order>().WithMany().HasForeignKey(m => m.OrderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.OrderId, m.Id });
        builder.HasIndex(m => m.SentAt);
    }
}

internal sealed class ChatReadMarkConfiguration : IEntityTypeConfiguration<ChatReadMark>
{
    public void Configure(EntityTypeBuilder<ChatReadMark> builder) => builder.HasKey(r => new { r.UserId, r.OrderId });
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(1000).IsRequired();
        builder.HasIndex(n => new { n.SentAt, n.CreatedAt });
        builder.HasIndex(n => n.UserId);
    }
}
