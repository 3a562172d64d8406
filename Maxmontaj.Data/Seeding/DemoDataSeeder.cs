using Maxmontaj.Core.Common;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Maxmontaj.Data.Seeding;

/// <summary>
/// The Development demo set: one account per role with known passwords (listed in the README),
/// about ten executors and specialists with skills, and fifty customers. Never runs in Production.
/// </summary>
public sealed class DemoDataSeeder(
    MaxmontajDbContext db, IPasswordHasher<ApplicationUser> hasher, TimeProvider time, CompanyCalendar calendar, ILogger<DemoDataSeeder> logger)
{
    public const string Password = "Demo-Pass-2026";

    public static IReadOnlyList<(string Email, string Name, string Role, string Phone)> Accounts { get; } =
    [
        ("dispatcher@demo.maxmontaj.ru", "Ольга Диспетчерова", Roles.Dispatcher, "+79160000001"),
        ("executor@demo.maxmontaj.ru", "Иван Монтажников", Roles.Executor, "+79160000002"),
        ("specialist@demo.maxmontaj.ru", "Пётр Замерщиков", Roles.Specialist, "+79160000003"),
        ("customer@demo.maxmontaj.ru", "Анна Заказчикова", Roles.Customer, "+79160000004"),
    ];

    private static readonly string[] FirstNames = ["Алексей", "Сергей", "Дмитрий", "Андрей", "Михаил", "Николай", "Елена", "Мария", "Татьяна", "Наталья", "Владимир", "Юлия"];
    private static readonly string[] LastNames = ["Смирнов", "Кузнецов", "Попов", "Васильев", "Соколов", "Новиков", "Морозов", "Волков", "Лебедев", "Козлов", "Павлов", "Фёдоров"];
    private static readonly string[] Districts = ["Центральный", "Северный", "Южный", "Западный", "Восточный"];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == Accounts[0].Email.ToUpperInvariant(), cancellationToken))
        {
            return;
        }

        var random = new Random(2026);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var workTypes = await db.WorkTypes.Select(w => new { w.Id, w.Code }).ToListAsync(cancellationToken);
        var hash = hasher.HashPassword(new ApplicationUser(), Password);

        foreach (var (email, name, role, phone) in Accounts)
        {
            var user = Add(name, email, phone, role, hash, roles);
            if (Roles.FieldStaff.Contains(role))
            {
                user.Skills = workTypes.Select(w => new UserSkill { UserId = user.Id, WorkTypeId = w.Id }).ToList();
                user.District = Districts[0];
            }
        }

        for (var i = 0; i < 10; i++)
        {
            var role = i < 7 ? Roles.Executor : Roles.Specialist;
            var user = Add(RandomName(random), $"staff{i + 1:00}@demo.maxmontaj.ru", $"+7916100{i:0000}", role, hash, roles);
            user.District = Districts[random.Next(Districts.Length)];
            var skills = role == Roles.Specialist
                ? workTypes.Where(w => w.Code is "measurement" or "ac-service" or "repair")
                : workTypes.Where(_ => random.NextDouble() < 0.5).DefaultIfEmpty(workTypes[0]);
            user.Skills = skills.Select(w => new UserSkill { UserId = user.Id, WorkTypeId = w!.Id }).ToList();
        }

        for (var i = 0; i < 50; i++)
        {
            Add(RandomName(random), i % 3 == 0 ? null : $"client{i + 1:00}@demo.maxmontaj.ru", $"+7926200{i:0000}", Roles.Customer, hash, roles);
        }

        await db.SaveChangesAsync(cancellationToken);

        var roleOf = db.ChangeTracker.Entries<IdentityUserRole<Guid>>().ToDictionary(e => e.Entity.UserId, e => e.Entity.RoleId);
        var users = db.ChangeTracker.Entries<ApplicationUser>().Select(e => e.Entity).Where(u => roleOf.ContainsKey(u.Id)).ToList();
        List<(Guid, string, HashSet<int>)> People(string role) => users.Where(u => roleOf[u.Id] == roles[role])
            .Select(u => (u.Id, u.FullName, u.Skills.Select(s => s.WorkTypeId).ToHashSet())).ToList();
        var customers = users.Where(u => roleOf[u.Id] == roles[Roles.Customer]).Select(u => (u.Id, u.FullName, u.PhoneNumber!)).ToList();
        var orders = DemoOrders.Create(random, time.GetUtcNow(), calendar, workTypes.Select(w => (Guid.Empty, w.Code)).ToList(),
            People(Roles.Executor), People(Roles.Specialist), customers, workTypes.ToDictionary(w => w.Code, w => w.Id));
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Demo data created: {Users} users, {Orders} orders", users.Count, orders.Count);
    }

    private ApplicationUser Add(string name, string? email, string phone, string role, string hash, Dictionary<string, Guid> roles)
    {
        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            FullName = name,
            NormalizedFullName = name.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email?.ToUpperInvariant(),
            EmailConfirmed = email is not null,
            PhoneNumber = phone,
            PhoneNumberConfirmed = true,
            PasswordHash = hash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            LockoutEnabled = true,
        };
        user.UserName = user.Id.ToString("N");
        user.NormalizedUserName = user.UserName.ToUpperInvariant();
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roles[role] });
        return user;
    }

    private static string RandomName(Random random)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var female = first.EndsWith('а') || first.EndsWith('я');
        // First name first: the customer portal shows customers only the executor's first name, the first word.
        return $"{first} {(female ? last + "а" : last)}";
    }
}
