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
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(m => new { m.OrderId, m.Channel, m.Id });
        builder.HasIndex(m => m.SentAt);
    }
}

internal sealed class ChatReadMarkConfiguration : IEntityTypeConfiguration<ChatReadMark>
{
    public void Configure(EntityTypeBuilder<ChatReadMark> builder)
    {
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
        builder.HasKey(r => new { r.UserId, r.OrderId, r.Channel });
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Kind).HasMaxLength(32).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(1000).IsRequired();
        builder.Property(n => n.IdempotencyKey).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.DeliveredVia).HasMaxLength(16);
        builder.Property(n => n.LastError).HasMaxLength(1000);
        builder.Property(n => n.DirectAddress).HasMaxLength(80);
        builder.HasIndex(n => n.IdempotencyKey).IsUnique();
        builder.HasIndex(n => new { n.Status, n.NextAttemptAt });
        builder.HasIndex(n => n.UserId);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Reviews.Review>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Reviews.Review> builder)
    {
        builder.Property(r => r.Comment).HasMaxLength(2000);
        builder.HasIndex(r => r.OrderId).IsUnique();
        builder.HasIndex(r => new { r.ExecutorId, r.Rating });
        builder.HasIndex(r => r.CreatedDay);
        builder.HasIndex(r => new { r.WorkTypeId, r.CreatedDay, r.Rating });
        builder.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StatusLinkConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Customers.StatusLink>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Customers.StatusLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
        builder.HasIndex(l => l.OrderId);
        builder.HasOne<Order>().WithMany().HasForeignKey(l => l.OrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationAttemptConfiguration : IEntityTypeConfiguration<NotificationAttempt>
{
    public void Configure(EntityTypeBuilder<NotificationAttempt> builder)
    {
        builder.Property(a => a.Channel).HasMaxLength(16).IsRequired();
        builder.Property(a => a.Error).HasMaxLength(1000);
        builder.Property(a => a.ProviderMessageId).HasMaxLength(128);
        builder.Property(a => a.ProviderStatus).HasMaxLength(16);
        builder.HasIndex(a => new { a.NotificationId, a.At });
        builder.HasIndex(a => new { a.Channel, a.ProviderMessageId });
        builder.HasOne<Notification>().WithMany().HasForeignKey(a => a.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationSendConfiguration : IEntityTypeConfiguration<NotificationSend>
{
    public void Configure(EntityTypeBuilder<NotificationSend> builder)
    {
        builder.HasKey(s => new { s.NotificationId, s.Channel });
        builder.Property(s => s.Channel).HasMaxLength(16);
        builder.HasOne<Notification>().WithMany().HasForeignKey(s => s.NotificationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ExecutorApplicationConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Registration.ExecutorApplication>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Registration.ExecutorApplication> builder)
    {
        builder.Property(a => a.Channel).HasMaxLength(16).IsRequired();
        builder.Property(a => a.ExternalId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.Step).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.FullName).HasMaxLength(200);
        builder.Property(a => a.Phone).HasMaxLength(20);
        builder.Property(a => a.SkillIds).HasMaxLength(100);
        builder.Property(a => a.District).HasMaxLength(200);
        builder.Property(a => a.Source).HasMaxLength(64);
        builder.Property(a => a.RejectReason).HasMaxLength(500);
        builder.HasIndex(a => new { a.Channel, a.ExternalId });
        builder.HasIndex(a => new { a.Status, a.SubmittedAt });
    }
}

internal sealed class ProcessedUpdateConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Registration.ProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Registration.ProcessedUpdate> builder)
    {
        builder.HasKey(u => new { u.Channel, u.UpdateId });
        builder.Property(u => u.Channel).HasMaxLength(16);
        builder.Property(u => u.UpdateId).HasMaxLength(128);
    }
}

internal sealed class WhatsAppSessionConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Notifications.WhatsAppSession>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Notifications.WhatsAppSession> builder)
    {
        builder.HasKey(s => s.Phone);
        builder.Property(s => s.Phone).HasMaxLength(20);
    }
}

internal sealed class AccountLinkConfiguration : IEntityTypeConfiguration<Maxmontaj.Core.Registration.AccountLink>
{
    public void Configure(EntityTypeBuilder<Maxmontaj.Core.Registration.AccountLink> builder)
    {
        builder.Property(l => l.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(l => l.TokenHash).IsUnique();
    }
}
