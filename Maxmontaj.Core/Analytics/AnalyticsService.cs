using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Analytics;

/// <summary>
/// Dashboard figures and the staff report. Every aggregate is one GROUP BY in the database over the lifecycle columns that
/// the order service writes, filtered on indexed day numbers, so the same queries run on SQLite and MariaDB.
/// Each figure is defined in docs/analytics.md. Money is shown to admins only.
/// </summary>
public sealed class AnalyticsService(IMaxmontajDbFactory dbFactory, ICurrentUser currentUser, TimeProvider time, CompanyCalendar calendar)
{
    public const int MaxDays = 3 * 366;

    public static Error EndBeforeStart => new("Analytics.EndBeforeStart", "Period");
    public static Error TooLong => new("Analytics.TooLong", "Period");

    public async Task<Result<AnalyticsDashboard>> DashboardAsync(AnalyticsFilter filter, CancellationToken cancellationToken = default)
    {
        RequireOffice();
        if (Validate(filter) is { } error)
        {
            return Result<AnalyticsDashboard>.Failure(error);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var current = await KpisAsync(db, filter, cancellationToken);
        var previous = await KpisAsync(db, filter.Previous(), cancellationToken);
        var (first, last) = Days(filter);

        var created = await Orders(db, filter).Where(o => o.CreatedDay >= first && o.CreatedDay <= last)
            .GroupBy(o => o.CreatedDay).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var completed = await Orders(db, filter).Where(o => o.CompletedDay >= first && o.CompletedDay <= last)
            .GroupBy(o => o.CompletedDay!.Value).Select(g => new { Day = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var perDay = Enumerable.Range(0, filter.Days).Select(i => filter.From.AddDays(i))
            .Select(d => new DayCount(d,
                created.FirstOrDefault(c => c.Day == CompanyCalendar.DayNumber(d))?.Count ?? 0,
                completed.FirstOrDefault(c => c.Day == CompanyCalendar.DayNumber(d))?.Count ?? 0))
            .ToList();

        var byStatus = await Orders(db, filter).Where(o => o.CreatedDay >= first && o.CreatedDay <= last)
            .GroupBy(o => o.Status).Select(g => new StatusCount(g.Key, g.Count())).ToListAsync(cancellationToken);
        var byType = await Orders(db, filter).Where(o => o.CreatedDay >= first && o.CreatedDay <= last)
            .GroupBy(o => o.WorkTypeId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var names = await db.WorkTypes.ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var leadTimes = await Orders(db, filter).Where(o => o.CompletedDay >= first && o.CompletedDay <= last && o.LeadTimeMinutes != null)
            .GroupBy(o => o.LeadTimeMinutes < 1440 ? 0 : o.LeadTimeMinutes < 3 * 1440 ? 1 : o.LeadTimeMinutes < 7 * 1440 ? 2 : o.LeadTimeMinutes < 14 * 1440 ? 3 : 4)
            .Select(g => new { Bucket = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);

        return new AnalyticsDashboard(
            current,
            previous,
            perDay,
            byStatus.OrderBy(s => s.Status).ToList(),
            byType.OrderByDescending(t => t.Count).Select(t => new WorkTypeCount(names.GetValueOrDefault(t.Key, "?"), t.Count)).ToList(),
            Enumerable.Range(0, 5).Select(b => new LeadTimeBucket(b, leadTimes.FirstOrDefault(l => l.Bucket == b)?.Count ?? 0)).ToList(),
            (await Reviews(db, filter).Where(r => r.CreatedDay >= first && r.CreatedDay <= last)
                .GroupBy(r => r.CreatedDay).Select(g => new { Day = g.Key, Average = g.Average(r => (double)r.Rating) })
                .OrderBy(g => g.Day).ToListAsync(cancellationToken))
                .Select(g => new RatingPoint(CompanyCalendar.FromDayNumber(g.Day), g.Average)).ToList());
    }

    public async Task<Result<IReadOnlyList<StaffReportRow>>> StaffReportAsync(AnalyticsFilter filter, CancellationToken cancellationToken = default)
    {
        RequireOffice();
        if (Validate(filter) is { } error)
        {
            return Result<IReadOnlyList<StaffReportRow>>.Failure(error);
        }

        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var (first, last) = Days(filter);
        var assignments = db.OrderAssignments.AsQueryable();
        if (filter.PersonId is { } person)
        {
            assignments = assignments.Where(a => a.UserId == person);
        }

        var orders = Orders(db, filter with { PersonId = null });
        var work = await (from a in assignments
                          join o in orders on a.OrderId equals o.Id
                          where o.CompletedDay >= first && o.CompletedDay <= last
                          group o by a.UserId into g
                          select new
                          {
                              UserId = g.Key,
                              Jobs = g.Count(),
                              OnSite = g.Sum(o => (int?)o.OnSiteMinutes) ?? 0,
                              AverageMinutes = g.Average(o => (double?)o.OnSiteMinutes),
                              AverageEstimate = g.Average(o => (double?)o.EstimatedMinutes),
                              OnTime = g.Count(o => o.StartedOnTime == true),
                              Started = g.Count(o => o.StartedOnTime != null),
                              Rework = g.Sum(o => o.ReworkCount),
                          }).ToListAsync(cancellationToken);
        var revenue = IsAdmin
            ? await (from a in assignments
                     join o in orders on a.OrderId equals o.Id
                     where a.Role == AssignmentRole.Lead && o.ClosedDay >= first && o.ClosedDay <= last && o.FinalPrice != null
                     select new { a.UserId, o.FinalPrice }).ToListAsync(cancellationToken)
            : [];

        var ids = work.Select(w => w.UserId).ToList();
        var ratings = await db.Reviews.AsNoTracking()
            .Where(r => r.ExecutorId != null && ids.Contains(r.ExecutorId.Value) && r.CreatedDay >= first && r.CreatedDay <= last)
            .GroupBy(r => r.ExecutorId!.Value).Select(g => new { Id = g.Key, Average = g.Average(r => (double)r.Rating), Count = g.Count() })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var people = await (from u in db.Users
                            where ids.Contains(u.Id)
                            select new
                            {
                                u.Id,
                                u.FullName,
                                Role = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
                            }).ToDictionaryAsync(p => p.Id, cancellationToken);
        return work.Select(w => new StaffReportRow(
                w.UserId,
                people.TryGetValue(w.UserId, out var p) ? p.FullName : "?",
                p?.Role ?? "",
                w.Jobs,
                Math.Round(w.OnSite / 60.0, 1),
                w.AverageMinutes,
                w.AverageEstimate,
                w.Started == 0 ? null : (double)w.OnTime / w.Started,
                w.Rework,
                ratings.TryGetValue(w.UserId, out var rating) ? rating.Average : null,
                rating?.Count ?? 0,
                IsAdmin ? revenue.Where(r => r.UserId == w.UserId).Sum(r => r.FinalPrice) : null))
            .OrderByDescending(r => r.JobsCompleted).ThenBy(r => r.FullName)
            .ToList();
    }

    /// <summary>Refuses a range that ends before it starts or spans more than three years.</summary>
    public static Error? Validate(AnalyticsFilter filter) =>
        filter.To < filter.From ? EndBeforeStart : filter.Days > MaxDays ? TooLong : null;

    private bool IsAdmin => currentUser.IsInRole(Roles.Admin);

    private async Task<KpiSet> KpisAsync(IMaxmontajDb db, AnalyticsFilter filter, CancellationToken cancellationToken)
    {
        var (first, last) = Days(filter);
        var orders = Orders(db, filter);
        var created = await orders.CountAsync(o => o.CreatedDay >= first && o.CreatedDay <= last, cancellationToken);
        var cancelled = await orders.CountAsync(o => o.CancelledDay >= first && o.CancelledDay <= last, cancellationToken);

        // Callbacks count only for completions whose callback window is over; later ones are not final yet.
        var callbackFinal = CompanyCalendar.DayNumber(KpiDefinitions.CallbackFinalThrough(calendar.Today(time)));
        var done = await orders.Where(o => o.CompletedDay >= first && o.CompletedDay <= last)
            .GroupBy(o => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Lead = g.Average(o => (double?)o.LeadTimeMinutes),
                OnTime = g.Count(o => o.StartedOnTime == true),
                Started = g.Count(o => o.StartedOnTime != null),
                Callbacks = g.Count(o => o.HadCallback && o.CompletedDay <= callbackFinal),
                CallbackFinal = g.Count(o => o.CompletedDay <= callbackFinal),
                MeasurementToInstall = g.Average(o => (double?)o.MeasurementToInstallMinutes),
            })
            .SingleOrDefaultAsync(cancellationToken);
        var closed = await orders.Where(o => o.ClosedDay >= first && o.ClosedDay <= last)
            .GroupBy(o => 1)
            .Select(g => new { Count = g.Count(), FirstTime = g.Count(o => o.ReworkCount == 0) })
            .SingleOrDefaultAsync(cancellationToken);
        decimal? revenue = null;
        if (IsAdmin)
        {
            // Summed here: SQLite cannot add decimals in SQL; one column of the period's closed orders is small.
            var prices = await orders.Where(o => o.ClosedDay >= first && o.ClosedDay <= last && o.FinalPrice != null)
                .Select(o => o.FinalPrice!.Value).ToListAsync(cancellationToken);
            revenue = prices.Sum();
        }

        return new KpiSet(
            created,
            done?.Count ?? 0,
            cancelled,
            revenue,
            done?.Lead / 60.0,
            done is { Started: > 0 } ? (double)done.OnTime / done.Started : null,
            closed is { Count: > 0 } ? (double)closed.FirstTime / closed.Count : null,
            done is { CallbackFinal: > 0 } ? (double)done.Callbacks / done.CallbackFinal : null,
            done?.MeasurementToInstall / 1440.0,
            await Reviews(db, filter).Where(r => r.CreatedDay >= first && r.CreatedDay <= last).AverageAsync(r => (double?)r.Rating, cancellationToken));
    }

    /// <summary>Reviews of orders that match the filter's work type and person.</summary>
    private static IQueryable<Reviews.Review> Reviews(IMaxmontajDb db, AnalyticsFilter filter)
    {
        // Without a work type or person every review counts: no semi-join to Orders, which MariaDB may turn into a scan of
        // every order (the quarter's 14.9 s query on skewed data).
        var reviews = db.Reviews.AsNoTracking();
        if (filter.WorkTypeId is null && filter.PersonId is null)
        {
            return reviews;
        }

        if (filter.PersonId is null)
        {
            // The review's copy of its order's work type: one range of the (WorkTypeId, CreatedDay, Rating) index (ADR 0028).
            var type = filter.WorkTypeId!.Value;
            return reviews.Where(r => r.WorkTypeId == type);
        }

        // A join from the period's reviews to their orders by key, not an EXISTS that MariaDB may drive from the orders.
        return from r in reviews
               join o in Orders(db, filter) on r.OrderId equals o.Id
               select r;
    }

    private static IQueryable<Order> Orders(IMaxmontajDb db, AnalyticsFilter filter)
    {
        var orders = db.Orders.AsNoTracking();
        if (filter.WorkTypeId is { } type)
        {
            orders = orders.Where(o => o.WorkTypeId == type);
        }

        if (filter.PersonId is { } person)
        {
            orders = orders.Where(o => o.Assignments.Any(a => a.UserId == person));
        }

        return orders;
    }

    private static (int First, int Last) Days(AnalyticsFilter filter) =>
        (CompanyCalendar.DayNumber(filter.From), CompanyCalendar.DayNumber(filter.To));

    private void RequireOffice()
    {
        if (!currentUser.IsInRole(Roles.Admin) && !currentUser.IsInRole(Roles.Dispatcher))
        {
            throw new ForbiddenAccessException();
        }
    }
}
