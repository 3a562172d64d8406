using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Registration;

/// <summary>
/// The bot's side of a contractor's sign-up, the same on every messenger: name → own phone (contact) → skills → district →
/// the application goes to the dispatchers' queue. People with an account get a short menu of their own instead (next job or
/// last order, notifications here off/on, help); /stop and /start switch this chat's notifications.
/// </summary>
public sealed class RegistrationConversation(
    IMaxmontajDbFactory dbFactory, TimeProvider time, ILiveEvents live, TelegramLinkService links, IDbErrors dbErrors, CompanyCalendar calendar)
{
    /// <summary>The outbox kind of a bot's reply.</summary>
    public const string ReplyKind = Notifications.Outbox.ChatAnswerKind;

    /// <summary>
    /// Handles one incoming update once, in one transaction: the handled mark, the conversation's step and an outbox row for
    /// each reply commit together, and the outbox delivers the replies. Returns false for a redelivered update (nothing done).
    /// </summary>
    public async Task<bool> HandleOnceAsync(string updateId, IncomingMessage message, CancellationToken cancellationToken = default)
    {
        var outcome = await DbTransactions.RunAsync<(bool Handled, Guid? Submitted)>(dbFactory, async (db, ct) =>
        {
            if (await db.ProcessedUpdates.AnyAsync(u => u.Channel == message.Channel && u.UpdateId == updateId, ct))
            {
                return (false, null);
            }

            db.ProcessedUpdates.Add(new ProcessedUpdate { Channel = message.Channel, UpdateId = updateId, At = time.GetUtcNow() });
            try
            {
                // The first write: the same update arriving twice at once waits here for the other and then breaks the key.
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException exception) when (dbErrors.IsUniqueViolation(exception))
            {
                return (false, null);
            }

            var turn = await HandleAsync(db, message, ct);
            var now = time.GetUtcNow();
            var key = SecureTokens.Hash($"{message.Channel}:{updateId}")[..40];
            for (var i = 0; i < turn.Replies.Count; i++)
            {
                Notifications.Outbox.EnqueueDirect(db, message.Channel, message.ChatId, ReplyKind, BotReplyText.Compose(turn.Replies[i], message.Channel),
                    $"bot:{message.Channel}:{key}:{i}", now, turn.UserId);
            }

            await db.SaveChangesAsync(ct);
            return (true, turn.Submitted);
        }, cancellationToken);

        if (outcome.Submitted is { } application)
        {
            live.Publish(new LiveEvent(LiveEventKind.ApplicationSubmitted, application), LiveTopics.Applications);
        }

        return outcome.Handled;
    }

    private sealed record Turn(IReadOnlyList<BotReply> Replies, Guid? UserId = null, Guid? Submitted = null)
    {
        public static implicit operator Turn(BotReply reply) => new([reply]);
    }

    private async Task<Turn> HandleAsync(IMaxmontajDb db, IncomingMessage message, CancellationToken cancellationToken)
    {
        var text = message.Text?.Trim() ?? "";

        // A phone-verification code from this number (WhatsApp vouches for the sender) is answered here, not by the menu.
        if (message.Channel == "WhatsApp"
            && await Customers.PhoneVerificationService.ConfirmCodeAsync(db, time, "+" + message.ChatId, text, cancellationToken) is { } verified)
        {
            return new BotReply(verified);
        }

        // A deep link from the profile page: /start link_TOKEN links this chat to that account.
        if (text.StartsWith("/start " + TelegramLinkService.Prefix, StringComparison.Ordinal) && long.TryParse(message.ChatId, out var chatId))
        {
            var token = text[("/start " + TelegramLinkService.Prefix).Length..].Trim();
            if (!await links.RedeemAsync(db, token, chatId, cancellationToken))
            {
                return new BotReply(BotTexts.LinkInvalid);
            }

            // A customer whose phone is not confirmed yet is asked for their contact: Telegram vouches it is the sender's own.
            return await Customers.PhoneVerificationService.WantsContactAsync(db, chatId, cancellationToken)
                ? new Turn([new BotReply(BotTexts.Linked), new BotReply(BotTexts.ShareToConfirmPhone, ReplyKeyboard.RequestContact)])
                : new BotReply(BotTexts.Linked);
        }

        if (await KnownPersonAsync(db, message, cancellationToken) is { } person)
        {
            return (await MenuAsync(db, person, message, text, cancellationToken)) with { UserId = person.User.Id };
        }

        if (text.Equals("/stop", StringComparison.OrdinalIgnoreCase))
        {
            return new BotReply(BotTexts.Stopped);
        }

        var application = await db.ExecutorApplications
            .Where(a => a.Channel == message.Channel && a.ExternalId == message.ChatId && a.Status != ApplicationStatus.Rejected)
            .OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);

        // WhatsApp has no commands: a numbered menu, where "1" starts an application.
        if (message.Channel == "WhatsApp" && application is null or { Status: ApplicationStatus.Approved })
        {
            if (text != "1")
            {
                return new BotReply(BotTexts.WhatsAppMenu);
            }

            text = "/start";
        }

        if (text.StartsWith("/start", StringComparison.OrdinalIgnoreCase))
        {
            if (application is { Status: ApplicationStatus.Submitted })
            {
                return new BotReply(BotTexts.AlreadySubmitted);
            }

            if (application is null or { Status: ApplicationStatus.Approved })
            {
                application = new ExecutorApplication
                {
                    Id = Guid.CreateVersion7(), Channel = message.Channel, ExternalId = message.ChatId, CreatedAt = time.GetUtcNow(),
                };
                db.ExecutorApplications.Add(application);
            }

            var payload = text.Length > 6 ? text[6..].Trim() : "";
            application.Source = payload.Length is > 0 and <= 64 ? payload : null;
            application.Step = ApplicationStep.Name;
            await db.SaveChangesAsync(cancellationToken);
            return new BotReply(BotTexts.AskName);
        }

        if (application is null or { Status: not ApplicationStatus.Draft })
        {
            return new BotReply(application?.Status == ApplicationStatus.Submitted ? BotTexts.AlreadySubmitted : BotTexts.Unknown);
        }

        var reply = await StepAsync(db, application, message, text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new Turn([reply], Submitted: application.Status == ApplicationStatus.Submitted ? application.Id : null);
    }

    private sealed record Person(ApplicationUser User, bool Staff);

    /// <summary>
    /// The account behind this chat: the one linked to the Telegram chat, or on WhatsApp the one holding the sender's number
    /// (WhatsApp vouches the sender owns it; a customer's number counts only once confirmed). Deactivated accounts are nobody.
    /// </summary>
    private static async Task<Person?> KnownPersonAsync(IMaxmontajDb db, IncomingMessage message, CancellationToken cancellationToken)
    {
        List<ApplicationUser> candidates;
        if (message.Channel == "Telegram")
        {
            if (!long.TryParse(message.ChatId, out var chat))
            {
                return null;
            }

            candidates = await db.Users.Where(u => u.TelegramChatId == chat && u.IsActive).ToListAsync(cancellationToken);
        }
        else if (PhoneFormat.Normalize("+" + message.ChatId.TrimStart('+')) is { } phone)
        {
            candidates = await db.Users.Where(u => u.PhoneNumber == phone && u.IsActive).ToListAsync(cancellationToken);
        }
        else
        {
            return null;
        }

        foreach (var user in candidates)
        {
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name)
                .ToListAsync(cancellationToken);
            var staff = roles.Any(r => r is not null && r != Roles.Customer);
            if (staff || (roles.Contains(Roles.Customer) && (message.Channel == "Telegram" || user.PhoneNumberConfirmed)))
            {
                return new Person(user, staff);
            }
        }

        return null;
    }

    private async Task<Turn> MenuAsync(IMaxmontajDb db, Person person, IncomingMessage message, string text, CancellationToken cancellationToken)
    {
        if (message.Channel == "Telegram" && message.ContactPhone is { } contact)
        {
            return new BotReply(await Customers.PhoneVerificationService.ConfirmContactAsync(db, person.User.Id, contact, message.ContactIsSender, cancellationToken));
        }

        var channels = person.User.NotificationChannels.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var on = channels.Contains(message.Channel, StringComparer.OrdinalIgnoreCase);
        var command = text.ToLowerInvariant();
        if (command == "/stop" || (command == "2" && on))
        {
            channels.RemoveAll(c => c.Equals(message.Channel, StringComparison.OrdinalIgnoreCase));
            person.User.NotificationChannels = string.Join(',', channels);
            await db.SaveChangesAsync(cancellationToken);
            return new BotReply(BotTexts.Stopped);
        }

        if (command.StartsWith("/start", StringComparison.Ordinal) || command == "2")
        {
            if (on)
            {
                return new Turn([new BotReply(BotTexts.AlreadyRegistered), new BotReply(BotTexts.Menu(person.Staff, true))]);
            }

            // Back at the front, where a new account has its messengers.
            person.User.NotificationChannels = string.Join(',', channels.Prepend(message.Channel));
            await db.SaveChangesAsync(cancellationToken);
            return new BotReply(BotTexts.Resumed);
        }

        if (command is "1" or "/next")
        {
            return new BotReply(person.Staff ? await NextJobAsync(db, person.User.Id, cancellationToken) : await LastOrderAsync(db, person.User.Id, cancellationToken));
        }

        return new BotReply(command is "3" or "/help" ? (person.Staff ? BotTexts.StaffHelp : BotTexts.CustomerHelp) : BotTexts.Menu(person.Staff, on));
    }

    private async Task<string> NextJobAsync(IMaxmontajDb db, Guid userId, CancellationToken cancellationToken)
    {
        var open = new[] { OrderStatus.Scheduled, OrderStatus.InProgress, OrderStatus.Rework };
        var since = calendar.DayBounds(calendar.Today(time)).Start;
        var job = await (from a in db.OrderAssignments
                         join o in db.Orders on a.OrderId equals o.Id
                         where a.UserId == userId && open.Contains(o.Status) && o.ScheduledStart != null && o.ScheduledStart >= since
                         orderby o.ScheduledStart
                         select new { o.Number, o.ScheduledStart, Address = o.Address.Text, WorkType = o.WorkType!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        return job is null
            ? BotTexts.NoNextJob
            : BotTexts.NextJob(calendar.ToLocal(job.ScheduledStart!.Value).ToString("dd.MM HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                job.Number, job.WorkType, job.Address);
    }

    private static async Task<string> LastOrderAsync(IMaxmontajDb db, Guid userId, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Where(o => o.CustomerId == userId).OrderByDescending(o => o.Year).ThenByDescending(o => o.Sequence)
            .Select(o => new { o.Number, o.Status }).FirstOrDefaultAsync(cancellationToken);
        return order is null
            ? BotTexts.NoOrders
            : BotTexts.LastOrder(order.Number, Notifications.NotificationTexts.PlainForCustomer(order.Status)
                ?? (order.Status == OrderStatus.Closed ? "заказ закрыт" : "заказ принят"));
    }

    private async Task<BotReply> StepAsync(IMaxmontajDb db, ExecutorApplication application, IncomingMessage message, string text, CancellationToken cancellationToken)
    {
        switch (application.Step)
        {
            case ApplicationStep.Name:
                if (text.Length is 0 or > 200 || text.StartsWith('/'))
                {
                    return new BotReply(text.Length > 200 ? BotTexts.NameTooLong : BotTexts.AskName);
                }

                application.FullName = text;
                if (message.Channel == "WhatsApp")
                {
                    // On WhatsApp the number writing to us is the applicant's own phone.
                    var own = PhoneFormat.Normalize("+" + message.ChatId.TrimStart('+'));
                    if (own is null || await db.Users.AnyAsync(u => u.PhoneNumber == own, cancellationToken))
                    {
                        return new BotReply(BotTexts.PhoneTaken);
                    }

                    application.Phone = own;
                    application.Step = ApplicationStep.Skills;
                    return new BotReply(BotTexts.AskSkills, Options: await WorkTypesAsync(db, cancellationToken));
                }

                application.Step = ApplicationStep.Phone;
                return new BotReply(BotTexts.AskPhone, ReplyKeyboard.RequestContact);

            case ApplicationStep.Phone:
                if (message.ContactPhone is null)
                {
                    return new BotReply(BotTexts.AskPhone, ReplyKeyboard.RequestContact);
                }

                if (!message.ContactIsSender)
                {
                    return new BotReply(BotTexts.NotOwnContact, ReplyKeyboard.RequestContact);
                }

                var phone = PhoneFormat.Normalize(message.ContactPhone);
                if (phone is null || await db.Users.AnyAsync(u => u.PhoneNumber == phone, cancellationToken))
                {
                    return new BotReply(BotTexts.PhoneTaken);
                }

                application.Phone = phone;
                application.Step = ApplicationStep.Skills;
                return new BotReply(BotTexts.AskSkills, Options: await WorkTypesAsync(db, cancellationToken));

            case ApplicationStep.Skills:
                var types = await db.WorkTypes.Where(w => w.IsActive).OrderBy(w => w.SortOrder).Select(w => w.Id).ToListAsync(cancellationToken);
                var picked = text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => int.TryParse(p, out var n) && n >= 1 && n <= types.Count ? types[n - 1] : 0).ToList();
                if (picked.Count == 0 || picked.Contains(0))
                {
                    return new BotReply(BotTexts.BadSkills, Options: await WorkTypesAsync(db, cancellationToken));
                }

                application.SkillIds = string.Join(',', picked.Distinct());
                application.Step = ApplicationStep.District;
                return new BotReply(BotTexts.AskDistrict);

            default:
                if (text.Length is 0 or > 200)
                {
                    return new BotReply(BotTexts.AskDistrict);
                }

                application.District = text;
                application.Step = ApplicationStep.Done;
                application.Status = ApplicationStatus.Submitted;
                application.SubmittedAt = time.GetUtcNow();
                return new BotReply(BotTexts.Submitted);
        }
    }

    private static async Task<IReadOnlyList<string>> WorkTypesAsync(IMaxmontajDb db, CancellationToken cancellationToken) =>
        await db.WorkTypes.Where(w => w.IsActive).OrderBy(w => w.SortOrder).Select(w => w.Name).ToListAsync(cancellationToken);
}
