using Maxmontaj.Core.Analytics;
using Maxmontaj.Core.Assignment;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core;

/// <summary>Core's registration entry point.</summary>
public static class DependencyInjection
{
    /// <summary>Registers Core's use-case services. The host supplies ICurrentUser, IMaxmontajDbFactory and TimeProvider.</summary>
    public static IServiceCollection AddMaxmontajCore(this IServiceCollection services)
    {
        services.AddScoped<UserDirectory>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<SignInLookup>();
        services.AddScoped<ProfileService>();
        services.AddScoped<PasswordService>();
        services.AddScoped<TwoFactorService>();
        services.AddScoped<OrderService>();
        services.AddScoped<OrderQueries>();
        services.AddScoped<WorkTypeService>();
        services.AddScoped<AnalyticsService>();
        services.AddScoped<JobService>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Reports.ChecklistService>();
        services.AddScoped<Chat.ChatService>();
        services.AddScoped<Quotas.QuotaService>();
        services.AddOptions<Quotas.QuotaOptions>();
        services.AddScoped<Reviews.ReviewService>();
        services.AddScoped<Customers.StatusLinkService>();
        services.AddScoped<Customers.CustomerPortalService>();
        services.AddScoped<Customers.CustomerAccountService>();
        services.AddScoped<Customers.PhoneVerificationService>();
        services.AddScoped<Customers.CustomerLinkService>();
        services.AddScoped<Notifications.OutboxDispatcher>();
        services.TryAddSingleton<Notifications.IOutboxSignal, Notifications.OutboxSignal>();
        services.TryAddSingleton<Notifications.OutboxMetrics>();
        services.TryAddSingleton<Notifications.ChannelHealth>();
        services.TryAddSingleton<Notifications.OutboxInFlight>();
        services.AddScoped<Notifications.MorningListService>();
        services.AddScoped<Notifications.NotificationAdminService>();
        services.AddScoped<Registration.RegistrationConversation>();
        services.AddScoped<Registration.ApplicationService>();
        services.AddScoped<Registration.TelegramLinkService>();
        services.AddScoped<AssignmentService>();
        services.AddScoped<Audit.IAuditLog, Audit.AuditLog>();
        services.AddScoped<Audit.AuditQueries>();
        services.AddScoped<Audit.AuditRetention>();
        services.AddScoped<Registration.ProcessedUpdateRetention>();
        services.AddScoped<Notifications.WhatsAppSessions>();
        services.TryAddScoped<Audit.IRequestOrigin, Audit.NoRequestOrigin>();
        services.TryAddSingleton(CompanyCalendar.Moscow());
        services.TryAddSingleton<ILiveEvents, InProcessLiveEvents>();
        services.AddSingleton<BoardSnapshots>();
        return services;
    }
}
