using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Common;

/// <summary>
/// The data interface that services query with LINQ. The data layer's context implements it;
/// a service opens one per operation through <see cref="IMaxmontajDbFactory"/> and disposes it.
/// </summary>
public interface IMaxmontajDb : IAsyncDisposable
{
    DbSet<ApplicationUser> Users { get; }
    DbSet<IdentityRole<Guid>> Roles { get; }
    DbSet<IdentityUserRole<Guid>> UserRoles { get; }
    DbSet<WorkType> WorkTypes { get; }
    DbSet<UserSkill> UserSkills { get; }
    DbSet<Order> Orders { get; }
    DbSet<OrderAssignment> OrderAssignments { get; }
    DbSet<OrderEvent> OrderEvents { get; }
    DbSet<Reports.ChecklistItem> ChecklistItems { get; }
    DbSet<Reports.Report> Reports { get; }
    DbSet<Reports.ReportPhoto> ReportPhotos { get; }
    DbSet<Chat.ChatMessage> ChatMessages { get; }
    DbSet<Chat.ChatReadMark> ChatReadMarks { get; }
    DbSet<Notifications.Notification> Notifications { get; }
    DbSet<Notifications.NotificationAttempt> NotificationAttempts { get; }
    DbSet<Notifications.NotificationSend> NotificationSends { get; }
    DbSet<Reviews.Review> Reviews { get; }
    DbSet<Customers.StatusLink> StatusLinks { get; }
    DbSet<Registration.ExecutorApplication> ExecutorApplications { get; }
    DbSet<Registration.ProcessedUpdate> ProcessedUpdates { get; }
    DbSet<Notifications.WhatsAppSession> WhatsAppSessions { get; }
    DbSet<Registration.AccountLink> AccountLinks { get; }
    DbSet<Audit.AuditEntry> AuditEntries { get; }

    /// <summary>Identity's per-user tokens; phone verification keeps a customer's claim and one-time code here.</summary>
    DbSet<IdentityUserToken<Guid>> UserTokens { get; }

    /// <summary>The provider's facade, for an explicit transaction over several saves (<see cref="DbTransactions"/>).</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>Saves tracked changes in one transaction.</summary>
    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>Creates a short-lived <see cref="IMaxmontajDb"/> for one operation.</summary>
public interface IMaxmontajDbFactory
{
    /// <summary>Opens a new unit of work; the caller disposes it.</summary>
    Task<IMaxmontajDb> CreateAsync(CancellationToken cancellationToken = default);
}
