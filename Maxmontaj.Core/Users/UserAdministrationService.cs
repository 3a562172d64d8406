using System.Net.Mail;
using Maxmontaj.Core.Audit;
using Maxmontaj.Core.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Users;

/// <summary>
/// Creates, edits, deactivates and deletes accounts within what the current user may manage.
/// Each command runs in its own DI scope, so the UserManager and its context live for one operation, not for a circuit.
/// </summary>
public sealed class UserAdministrationService(IServiceScopeFactory scopes, ICurrentUser currentUser, IAuditLog audit)
{
    public const int MaxNameLength = 200;

    public async Task<Result<Guid>> CreateAsync(UserEditModel model, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, db) = Resolve(scope);
        var errors = await ValidateAsync(db, model, existingId: null, cancellationToken);
        if (string.IsNullOrEmpty(model.Password))
        {
            errors.Add(UserErrors.PasswordRequired);
        }

        if (errors.Count > 0)
        {
            return Result<Guid>.Failure([.. errors]);
        }

        var user = new ApplicationUser { Id = Guid.CreateVersion7() };
        user.UserName = user.Id.ToString("N");
        Apply(model, user);
        foreach (var roleId in await RoleIdsAsync(db, model.Roles, cancellationToken))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleId });
        }

        user.Skills = SkillsFor(model, user.Id);
        // The entry goes into the same SaveChanges as the user: a refused password records nothing. No password in it.
        await audit.AddAsync(db, AuditKind.UserCreated, AuditSubjects.User, user.Id.ToString(), Snapshot(model), cancellationToken);

        // UserManager validates the password and saves the user, its roles and skills in one SaveChanges.
        var created = await users.CreateAsync(user, model.Password!);
        return created.Succeeded ? user.Id : Result<Guid>.Failure([.. IdentityErrors(created)]);
    }

    public async Task<Result> UpdateAsync(Guid id, UserEditModel model, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, db) = Resolve(scope);
        var user = await FindManageableAsync(db, id, cancellationToken);
        var errors = await ValidateAsync(db, model, id, cancellationToken);
        if (id == currentUser.UserId && !model.Roles.Contains(Roles.Admin) && currentUser.IsInRole(Roles.Admin))
        {
            errors.Add(UserErrors.CannotChangeSelf);
        }

        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }

        var before = await DescribeAsync(db, user, cancellationToken);
        Apply(model, user);
        var wanted = await RoleIdsAsync(db, model.Roles, cancellationToken);
        var current = await db.UserRoles.Where(ur => ur.UserId == id).ToListAsync(cancellationToken);
        db.UserRoles.RemoveRange(current.Where(ur => !wanted.Contains(ur.RoleId)));
        foreach (var roleId in wanted.Where(r => current.All(ur => ur.RoleId != r)))
        {
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = roleId });
        }

        db.UserSkills.RemoveRange(await db.UserSkills.Where(s => s.UserId == id).ToListAsync(cancellationToken));
        db.UserSkills.AddRange(SkillsFor(model, id));
        var changes = Diff(before, model);
        if (!changes.IsEmpty)
        {
            await audit.AddAsync(db, AuditKind.UserUpdated, AuditSubjects.User, id.ToString(), changes, cancellationToken);
        }

        if (current.Count != wanted.Count || current.Any(ur => !wanted.Contains(ur.RoleId)))
        {
            await audit.AddAsync(db, AuditKind.RoleChanged, AuditSubjects.User, id.ToString(),
                new AuditDetails().Change("Roles", before.Roles, AuditDetails.List(model.Roles)), cancellationToken);
            // Role changes must reach existing sessions: a new stamp makes cookie validation re-issue the claims.
            await users.UpdateSecurityStampAsync(user);
        }

        var updated = await users.UpdateAsync(user);
        return updated.Succeeded ? Result.Success() : Result.Failure([.. IdentityErrors(updated)]);
    }

    /// <summary>Deactivates (no sign-in, history kept) or reactivates an account.</summary>
    public async Task<Result> SetActiveAsync(Guid id, bool active, CancellationToken cancellationToken = default)
    {
        if (id == currentUser.UserId)
        {
            return Result.Failure(UserErrors.CannotChangeSelf);
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, db) = Resolve(scope);
        var user = await FindManageableAsync(db, id, cancellationToken);
        if (user.IsActive != active)
        {
            await audit.AddAsync(db, active ? AuditKind.UserActivated : AuditKind.UserDeactivated, AuditSubjects.User, id.ToString(),
                new AuditDetails().Set("FullName", user.FullName), cancellationToken);
        }

        user.IsActive = active;
        // A new security stamp ends the deactivated user's open sessions at their next validation.
        var result = await users.UpdateSecurityStampAsync(user);
        return result.Succeeded ? Result.Success() : Result.Failure([.. IdentityErrors(result)]);
    }

    /// <summary>Sets a new password chosen by the admin or dispatcher and lifts a lockout.</summary>
    public async Task<Result> ResetPasswordAsync(Guid id, string newPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(newPassword))
        {
            return Result.Failure(UserErrors.PasswordRequired);
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, db) = Resolve(scope);
        var user = await FindManageableAsync(db, id, cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // Saved with the new hash by ResetPasswordAsync; the entry names the account, never the password.
        await audit.AddAsync(db, AuditKind.PasswordReset, AuditSubjects.User, id.ToString(), new AuditDetails().Set("FullName", user.FullName), cancellationToken);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
        {
            return Result.Failure([.. IdentityErrors(reset)]);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Result.Success();
    }

    /// <summary>Deletes an account that has no history; others can only be deactivated.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (id == currentUser.UserId)
        {
            return Result.Failure(UserErrors.CannotChangeSelf);
        }

        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var (users, db) = Resolve(scope);
        var user = await FindManageableAsync(db, id, cancellationToken);
        if (await UserHistory.ExistsAsync(db, id, cancellationToken))
        {
            return Result.Failure(UserErrors.HasHistory);
        }

        await audit.AddAsync(db, AuditKind.UserDeleted, AuditSubjects.User, id.ToString(), new AuditDetails()
            .Set("FullName", user.FullName).Set("Email", user.Email).Set("PhoneNumber", user.PhoneNumber), cancellationToken);
        var deleted = await users.DeleteAsync(user);
        return deleted.Succeeded ? Result.Success() : Result.Failure([.. IdentityErrors(deleted)]);
    }

    private (UserManager<ApplicationUser> Users, IMaxmontajDb Db) Resolve(AsyncServiceScope scope) =>
        (scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
         scope.ServiceProvider.GetRequiredService<IMaxmontajDb>());

    private async Task<ApplicationUser> FindManageableAsync(IMaxmontajDb db, Guid id, CancellationToken cancellationToken)
    {
        var manageable = UserAccessPolicy.ManageableRoles(currentUser);
        if (manageable.Count == 0)
        {
            throw new ForbiddenAccessException();
        }

        return await UserDirectory.VisibleUsers(db, manageable).SingleOrDefaultAsync(u => u.Id == id, cancellationToken)
            ?? throw new NotFoundException("User", id);
    }

    private async Task<List<Error>> ValidateAsync(IMaxmontajDb db, UserEditModel model, Guid? existingId, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        model.FullName = model.FullName?.Trim() ?? "";
        model.Email = string.IsNullOrWhiteSpace(model.Email) ? null : model.Email.Trim();
        model.District = string.IsNullOrWhiteSpace(model.District) ? null : model.District.Trim();

        if (model.FullName.Length == 0)
        {
            errors.Add(UserErrors.FullNameRequired);
        }
        else if (model.FullName.Length > MaxNameLength)
        {
            errors.Add(UserErrors.FullNameTooLong);
        }

        if (model.District?.Length > MaxNameLength)
        {
            errors.Add(UserErrors.DistrictTooLong);
        }

        if (model.Email is null && string.IsNullOrWhiteSpace(model.PhoneNumber))
        {
            errors.Add(UserErrors.EmailOrPhoneRequired);
        }

        if (model.Email is not null)
        {
            if (!IsEmail(model.Email))
            {
                errors.Add(UserErrors.EmailInvalid);
            }
            else
            {
                var normalized = model.Email.ToUpperInvariant();
                if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.Id != existingId, cancellationToken))
                {
                    errors.Add(UserErrors.EmailTaken);
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(model.PhoneNumber))
        {
            var phone = PhoneFormat.Normalize(model.PhoneNumber);
            if (phone is null)
            {
                errors.Add(UserErrors.PhoneInvalid);
            }
            else
            {
                model.PhoneNumber = phone;
                if (await db.Users.AnyAsync(u => u.PhoneNumber == phone && u.Id != existingId, cancellationToken))
                {
                    errors.Add(UserErrors.PhoneTaken);
                }
            }
        }
        else
        {
            model.PhoneNumber = null;
        }

        model.Roles = model.Roles.Distinct().ToList();
        if (model.Roles.Count == 0)
        {
            errors.Add(UserErrors.RoleRequired);
        }
        else if (!model.Roles.All(Roles.All.Contains) || !UserAccessPolicy.CanManage(currentUser, model.Roles))
        {
            errors.Add(UserErrors.RoleNotAllowed);
        }

        model.SkillIds = model.Roles.Any(Roles.FieldStaff.Contains) ? model.SkillIds.Distinct().ToList() : [];
        if (model.SkillIds.Count > 0)
        {
            var known = await db.WorkTypes.CountAsync(w => model.SkillIds.Contains(w.Id), cancellationToken);
            if (known != model.SkillIds.Count)
            {
                errors.Add(UserErrors.SkillUnknown);
            }
        }

        return errors;
    }

    /// <summary>The audited fields of an account as they are before an edit.</summary>
    private sealed record Described(string FullName, string? Email, string? PhoneNumber, string? District, string Roles, string Skills);

    private static async Task<Described> DescribeAsync(IMaxmontajDb db, ApplicationUser user, CancellationToken cancellationToken)
    {
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync(cancellationToken);
        var skills = await db.UserSkills.Where(s => s.UserId == user.Id).Select(s => s.WorkTypeId).ToListAsync(cancellationToken);
        return new Described(user.FullName, user.Email, user.PhoneNumber, user.District, AuditDetails.List(roles), AuditDetails.List(skills));
    }

    private static AuditDetails Diff(Described before, UserEditModel model) => new AuditDetails()
        .Change("FullName", before.FullName, model.FullName)
        .Change("Email", before.Email, model.Email)
        .Change("PhoneNumber", before.PhoneNumber, model.PhoneNumber)
        .Change("District", before.District, model.District)
        .Change("Skills", before.Skills, AuditDetails.List(model.SkillIds));

    private static AuditDetails Snapshot(UserEditModel model) => new AuditDetails()
        .Set("FullName", model.FullName)
        .Set("Email", model.Email)
        .Set("PhoneNumber", model.PhoneNumber)
        .Set("Roles", AuditDetails.List(model.Roles));

    private static void Apply(UserEditModel model, ApplicationUser user)
    {
        user.FullName = model.FullName;
        user.NormalizedFullName = model.FullName.ToUpperInvariant();
        user.Email = model.Email;
        // A new number is not proved by the old one's confirmation (ADR 0019).
        user.PhoneNumberConfirmed &= user.PhoneNumber == model.PhoneNumber;
        user.PhoneNumber = model.PhoneNumber;
        user.District = model.District;
    }

    private static List<UserSkill> SkillsFor(UserEditModel model, Guid userId) =>
        model.SkillIds.Select(id => new UserSkill { UserId = userId, WorkTypeId = id }).ToList();

    private static async Task<List<Guid>> RoleIdsAsync(IMaxmontajDb db, IReadOnlyCollection<string> names, CancellationToken cancellationToken) =>
        await db.Roles.Where(r => names.Contains(r.Name!)).Select(r => r.Id).ToListAsync(cancellationToken);

    private static bool IsEmail(string text) =>
        text.Length <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && text.Contains('.');

    private static IEnumerable<Error> IdentityErrors(IdentityResult result) =>
        result.Errors.Select(e => e.Code switch
        {
            "DuplicateEmail" => UserErrors.EmailTaken,
            "InvalidEmail" => UserErrors.EmailInvalid,
            _ => UserErrors.Password(e.Code),
        });
}
