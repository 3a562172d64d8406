using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(UserAdministrationService.MaxNameLength).IsRequired();
        builder.Property(u => u.NormalizedFullName).HasMaxLength(UserAdministrationService.MaxNameLength).IsRequired();
        builder.Property(u => u.District).HasMaxLength(UserAdministrationService.MaxNameLength);
        builder.Property(u => u.PhoneNumber).HasMaxLength(20);
        builder.Property(u => u.NotificationChannels).HasMaxLength(64).IsRequired();
        builder.HasIndex(u => u.TelegramChatId).IsUnique();

        // One phone is one account; several users without a phone are allowed (NULLs do not collide).
        builder.HasIndex(u => u.PhoneNumber).IsUnique();
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("EmailIndex").IsUnique();
        builder.HasIndex(u => u.NormalizedFullName);
        builder.HasIndex(u => u.CreatedAt);

        builder.HasMany(u => u.Skills).WithOne().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
