using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Maxmontaj.Data.Configurations;

internal sealed class UserSkillConfiguration : IEntityTypeConfiguration<UserSkill>
{
    public void Configure(EntityTypeBuilder<UserSkill> builder)
    {
        builder.HasKey(s => new { s.UserId, s.WorkTypeId });
        builder.HasIndex(s => s.WorkTypeId);
        builder.HasOne(s => s.WorkType).WithMany().HasForeignKey(s => s.WorkTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
