using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Data;

/// <summary>
/// The Maxmontaj database: Identity tables plus the application's entities.
/// Each provider has a derived context and its own migrations set, generated from this one model:
/// <code>
/// dotnet ef migrations add NAME --project Maxmontaj.Data --startup-project Maxmontaj.Data --context SqliteMaxmontajDbContext --output-dir Migrations/Sqlite
/// dotnet ef migrations add NAME --project Maxmontaj.Data --startup-project Maxmontaj.Data --context MariaDbMaxmontajDbContext --output-dir Migrations/MariaDb
/// </code>
/// (or <c>./scripts/add-migration.sh NAME</c>, which runs both).
/// </summary>
public abstract class MaxmontajDbContext(DbContextOptions options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IMaxmontajDb
{
    public DbSet<WorkType> WorkTypes => Set<WorkType>();
    public DbSet<UserSkill> UserSkills => Set<UserSkill>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderAssignment> OrderAssignments => Set<OrderAssignment>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<Core.Reports.ChecklistItem> ChecklistItems => Set<Core.Reports.ChecklistItem>();
    public DbSet<Core.Reports.Report> Reports => Set<Core.Reports.Report>();
    public DbSet<Core.Reports.ReportPhoto> ReportPhotos => Set<Core.Reports.ReportPhoto>();
    public DbSet<Core.Chat.ChatMessage> ChatMessages => Set<Core.Chat.ChatMessage>();
    public DbSet<Core.Chat.ChatReadMark> ChatReadMarks => Set<Core.Chat.ChatReadMark>();
    public DbSet<Core.Notifications.Notification> Notifications => Set<Core.Notifications.Notification>();
    public DbSet<Core.Reviews.Review> Reviews => Set<Core.Reviews.Review>();
    public DbSet<Core.Notifications.NotificationAttempt> NotificationAttempts => Set<Core.Notifications.NotificationAttempt>();
    public DbSet<Core.Notifications.NotificationSend> NotificationSends => Set<Core.Notifications.NotificationSend>();
    public DbSet<Core.Customers.StatusLink> StatusLinks => Set<Core.Customers.StatusLink>();
    public DbSet<Core.Registration.ExecutorApplication> ExecutorApplications => Set<Core.Registration.ExecutorApplication>();
    public DbSet<Core.Registration.ProcessedUpdate> ProcessedUpdates => Set<Core.Registration.ProcessedUpdate>();
    public DbSet<Core.Notifications.WhatsAppSession> WhatsAppSessions => Set<Core.Notifications.WhatsAppSession>();
    public DbSet<Core.Registration.AccountLink> AccountLinks => Set<Core.Registration.AccountLink>();
    public DbSet<Core.Audit.AuditEntry> AuditEntries => Set<Core.Audit.AuditEntry>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MaxmontajDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        FillCopiesAsync(sync: true, CancellationToken.None).GetAwaiter().GetResult();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await FillCopiesAsync(sync: false, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// New assignments and reviews left without their copies of the order's CreatedAt and work type (ADR 0028) get them
    /// from the order: the services set them, this catches any other writer (seeding, tools, tests).
    /// </summary>
    private async Task FillCopiesAsync(bool sync, CancellationToken cancellationToken)
    {
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
        {
            switch (entry.Entity)
            {
                case OrderAssignment { OrderCreatedAt.UtcTicks: 0 } assignment:
                    if (await OrderFactsAsync(assignment.OrderId, sync, cancellationToken) is { } a)
                    {
                        assignment.OrderCreatedAt = a.CreatedAt;
                    }

                    break;
                case Core.Reviews.Review { WorkTypeId: 0 } review:
                    if (await OrderFactsAsync(review.OrderId, sync, cancellationToken) is { } r)
                    {
                        review.WorkTypeId = r.WorkTypeId;
                    }

                    break;
            }
        }
    }

    private async Task<(DateTimeOffset CreatedAt, int WorkTypeId)?> OrderFactsAsync(Guid orderId, bool sync, CancellationToken cancellationToken)
    {
        if (Orders.Local.FirstOrDefault(o => o.Id == orderId) is { } tracked)
        {
            return (tracked.CreatedAt, tracked.WorkTypeId);
        }

        var query = Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => new { o.CreatedAt, o.WorkTypeId });
        var found = sync ? query.FirstOrDefault() : await query.FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.CreatedAt, found.WorkTypeId);
    }
}
