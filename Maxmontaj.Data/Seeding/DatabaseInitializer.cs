using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Maxmontaj.Data.Seeding;

/// <summary>Brings a database to the current schema and makes sure the roles, the work-type catalogue and a first admin exist.</summary>
public sealed class DatabaseInitializer(
    MaxmontajDbContext db,
    UserManager<ApplicationUser> users,
    IOptions<BootstrapOptions> bootstrap,
    DemoDataSeeder demo,
    ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, pending);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    public async Task SeedAsync(bool withDemoData, CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(cancellationToken);
        await EnsureWorkTypesAsync(cancellationToken);
        await EnsureChecklistAsync(cancellationToken);
        await EnsureAdminAsync();
        if (withDemoData)
        {
            await demo.SeedAsync(cancellationToken);
        }
    }

    private async Task EnsureRolesAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Roles.Select(r => r.Name).ToListAsync(cancellationToken);
        foreach (var role in Roles.All.Except(existing))
        {
            db.Roles.Add(new IdentityRole<Guid>(role!) { Id = Guid.CreateVersion7(), NormalizedName = role!.ToUpperInvariant() });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureWorkTypesAsync(CancellationToken cancellationToken)
    {
        if (await db.WorkTypes.AnyAsync(cancellationToken))
        {
            return;
        }

        db.WorkTypes.AddRange(WorkTypeCatalog.Defaults.Select(w => new WorkType { Code = w.Code, Name = w.Name, SortOrder = w.SortOrder }));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureChecklistAsync(CancellationToken cancellationToken)
    {
        if (await db.ChecklistItems.AnyAsync(cancellationToken))
        {
            return;
        }

        var types = await db.WorkTypes.ToDictionaryAsync(w => w.Code, w => w.Id, cancellationToken);
        var order = 0;
        foreach (var (code, text, photo) in Maxmontaj.Core.Reports.ChecklistService.Defaults.Where(d => types.ContainsKey(d.WorkTypeCode)))
        {
            db.ChecklistItems.Add(new Maxmontaj.Core.Reports.ChecklistItem { WorkTypeId = types[code], Text = text, RequiresPhoto = photo, SortOrder = ++order });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnsureAdminAsync()
    {
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var options = bootstrap.Value;
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword))
        {
            logger.LogWarning("No admin exists; set Bootstrap:AdminEmail and Bootstrap:AdminPassword to create the first one");
            return;
        }

        var admin = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            FullName = options.AdminName,
            NormalizedFullName = options.AdminName.ToUpperInvariant(),
            Email = options.AdminEmail,
            EmailConfirmed = true,
        };
        admin.UserName = admin.Id.ToString("N");
        var result = await users.CreateAsync(admin, options.AdminPassword);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(admin, Roles.Admin);
        }

        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "Bootstrap admin could not be created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        logger.LogInformation("Created the bootstrap admin {UserId}", admin.Id);
    }
}
