using Maxmontaj.Core.Common;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Maxmontaj.Core.Customers;

/// <summary>An invitation: who it is for, the one-time token that lets them set a password, and the absolute link carrying it.</summary>
public sealed record Invitation(Guid UserId, string Token, string Link);

/// <summary>Customer accounts: sign-up from the portal, and invitations for customers the dispatcher created with an order.</summary>
public sealed class CustomerAccountService(IServiceScopeFactory scopes, ICurrentUser currentUser, TimeProvider time, IPublicLinks links, Audit.IAuditLog audit, INotificationSecrets secrets)
{
    public async Task<Result<Guid>> RegisterAsync(string fullName, string phone, string? email, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IMaxmontajDb>();
        var model = new UserEditModel { FullName = fullName, PhoneNumber = phone, Email = email, Roles = [Roles.Customer], Password = password };
        var errors = await CheckAsync(db, model, cancellationToken);
        if (string.IsNullOrWhiteSpace(password))
        {
            errors.Add(UserErrors.PasswordRequired);
        }

        if (errors.Count > 0)
        {
            return Result<Guid>.Failure([.. errors]);
        }

        var user = NewUser(model);
        await AddCustomerRoleAsync(db, user.Id, cancellationToken);
        if (await db.Users.AnyAsync(u => u.PhoneNumber == user.PhoneNumber, cancellationToken))
        {
            // An unconfirmed customer holds the number: neither is refused nor told; whoever confirms it first owns it (ADR 0019).
            await PhoneVerificationService.ClaimAsync(db, user.Id, user.PhoneNumber!, cancellationToken);
            user.PhoneNumber = null;
        }

        var created = await users.CreateAsync(user, password);
        return created.Succeeded ? user.Id : Result<Guid>.Failure([.. created.Errors.Select(e => UserErrors.Password(e.Code))]);
    }

    /// <summary>
    /// Creates the account of an order's customer (from the name and phone on the order), links the order, and returns an
    /// invitation; an existing customer who confirmed that phone just gets a new invitation. An unconfirmed account holding the
    /// phone gets neither the order nor the invitation: the new account takes the number and the holder keeps only a claim.
    /// </summary>
    public async Task<Result<Invitation>> InviteOrderCustomerAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        OrderAccess.RequireOffice(currentUser);
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<IMaxmontajDb>();
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw new NotFoundException("Order", orderId);
        var user = order.CustomerId is { } known ? await users.FindByIdAsync(known.ToString()) : await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == order.ContactPhone, cancellationToken);
        var holder = user is { PhoneNumberConfirmed: false } && order.CustomerId is null && await users.IsInRoleAsync(user, Roles.Customer) ? user : null;
        if (user is null || holder is not null)
        {
            // Checked before the holder loses the number, so a refused invitation leaves the holder as it was.
            var model = new UserEditModel { FullName = order.CustomerName, PhoneNumber = order.ContactPhone, Roles = [Roles.Customer] };
            var errors = await CheckAsync(db, model, cancellationToken);
            if (errors.Count > 0)
            {
                return Result<Invitation>.Failure([.. errors]);
            }

            if (holder is not null)
            {
                await PhoneVerificationService.ClaimAsync(db, holder.Id, order.ContactPhone, cancellationToken);
                holder.PhoneNumber = null;
                await users.UpdateAsync(holder);
            }

            user = NewUser(model);
            await AddCustomerRoleAsync(db, user.Id, cancellationToken);
            // A random password nobody knows; the customer sets their own through the invitation.
            var created = await users.CreateAsync(user, $"Inv-{Guid.NewGuid():N}");
            if (!created.Succeeded)
            {
                return Result<Invitation>.Failure([.. created.Errors.Select(e => UserErrors.Password(e.Code))]);
            }
        }
        else if (!await users.IsInRoleAsync(user, Roles.Customer))
        {
            return Result<Invitation>.Failure(UserErrors.PhoneTaken);
        }

        // The order's link to the customer and the message carrying the invitation link are saved together.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.Invitation(user.Id, token);
        order.CustomerId = user.Id;
        var now = time.GetUtcNow();
        Outbox.Enqueue(db, user.Id, "invitation", orderId, NotificationTexts.Invitation(order.Number, secrets.Seal(link, OneTimeLinks.SendWindow)), $"invitation:{orderId:N}:{user.Id:N}:{now.UtcTicks}", now);
        await audit.AddAsync(db, Audit.AuditKind.InvitationIssued, Audit.AuditSubjects.User, user.Id.ToString(),
            new Audit.AuditDetails().Set("OrderId", orderId).Set("FullName", user.FullName), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new Invitation(user.Id, token, link);
    }

    /// <summary>Sets the invited customer's password; a wrong or used token is refused.</summary>
    public async Task<Result> AcceptInvitationAsync(Guid userId, string token, string password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScopeFor(currentUser);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        // Invitations are for customers and for contractors approved from the bots, never for office accounts.
        if (user is null || !user.IsActive || (!await users.IsInRoleAsync(user, Roles.Customer) && !await users.IsInRoleAsync(user, Roles.Executor)))
        {
            return Result.Failure(new Error("Invitation.Invalid"));
        }

        var reset = await users.ResetPasswordAsync(user, token, password ?? "");
        return reset.Succeeded ? Result.Success()
            : Result.Failure([.. reset.Errors.Select(e => e.Code == "InvalidToken" ? new Error("Invitation.Invalid") : UserErrors.Password(e.Code))]);
    }

    private static async Task<List<Error>> CheckAsync(IMaxmontajDb db, UserEditModel model, CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        model.FullName = model.FullName?.Trim() ?? "";
        if (model.FullName.Length == 0)
        {
            errors.Add(UserErrors.FullNameRequired);
        }
        else if (model.FullName.Length > UserAdministrationService.MaxNameLength)
        {
            errors.Add(UserErrors.FullNameTooLong);
        }

        if (PhoneFormat.Normalize(model.PhoneNumber) is not { } phone)
        {
            errors.Add(UserErrors.PhoneInvalid);
        }
        else
        {
            model.PhoneNumber = phone;
            // Taken for good only by a confirmed phone or a staff account; an unconfirmed customer's number may be claimed.
            if (await db.Users.AnyAsync(u => u.PhoneNumber == phone && (u.PhoneNumberConfirmed
                || !db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Customer))), cancellationToken))
            {
                errors.Add(UserErrors.PhoneTaken);
            }
        }

        model.Email = string.IsNullOrWhiteSpace(model.Email) ? null : model.Email.Trim();
        if (model.Email is { } email)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email || !email.Contains('.'))
            {
                errors.Add(UserErrors.EmailInvalid);
            }
            else if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), cancellationToken))
            {
                errors.Add(UserErrors.EmailTaken);
            }
        }

        return errors;
    }

    private static ApplicationUser NewUser(UserEditModel model)
    {
        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(),
            FullName = model.FullName,
            NormalizedFullName = model.FullName.ToUpperInvariant(),
            PhoneNumber = model.PhoneNumber,
            Email = model.Email,
        };
        user.UserName = user.Id.ToString("N");
        return user;
    }

    private static async Task AddCustomerRoleAsync(IMaxmontajDb db, Guid userId, CancellationToken cancellationToken)
    {
        var role = await db.Roles.Where(r => r.Name == Roles.Customer).Select(r => r.Id).SingleAsync(cancellationToken);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = userId, RoleId = role });
    }
}
