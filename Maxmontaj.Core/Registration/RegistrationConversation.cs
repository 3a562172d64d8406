using Maxmontaj.Core.Common;
using Maxmontaj.Core.Live;
using Maxmontaj.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Maxmontaj.Core.Registration;

/// <summary>
/// The bot's side of a contractor's sign-up, the same on every messenger: name → own phone (contact) → skills → district →
/// the application goes to the dispatchers' queue. Also /stop for linked accounts and a polite answer to anything else.
/// </summary>
public sealed class RegistrationConversation(IMaxmontajDbFactory dbFactory, TimeProvider time, ILiveEvents live, TelegramLinkService links)
{
    /// <summary>Handles one incoming update once: a redelivered update id returns no replies.</summary>
    public async Task<IReadOnlyList<BotReply>> HandleOnceAsync(string updateId, IncomingMessage message, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateAsync(cancellationToken))
        {
            if (await db.ProcessedUpdates.AnyAsync(u => u.Channel == message.Channel && u.UpdateId == updateId, cancellationToken))
            {
                return [];
            }

            db.ProcessedUpdates.Add(new ProcessedUpdate { Channel = message.Channel, UpdateId = updateId, At = time.GetUtcNow() });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                return []; // the same update arrived twice at once
            }
        }

        return await HandleAsync(message, cancellationToken);
    }

    public async Task<IReadOnlyList<BotReply>> HandleAsync(IncomingMessage message, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateAsync(cancellationToken);
        var text = message.Text?.Trim() ?? "";
        var linked = message.Channel == "Telegram" && long.TryParse(message.ChatId, out var chat)
            ? await db.Users.FirstOrDefaultAsync(u => u.TelegramChatId == chat, cancellationToken)
            : null;

        // A phone-verification code from this number (WhatsApp vouches for the sender) is answered here, not by the menu.
        if (message.Channel == "WhatsApp"
            && await Customers.PhoneVerificationService.ConfirmCodeAsync(db, time, "+" + message.ChatId, text, cancellationToken) is { } verified)
        {
            return [new BotReply(verified)];
        }

        if (text.Equals("/stop", StringComparison.OrdinalIgnoreCase))
        {
            if (linked is not null)
            {
                linked.TelegramChatId = null;
                await db.SaveChangesAsync(cancellationToken);
            }

            return [new BotReply(BotTexts.Stopped)];
        }

        // A deep link from the profile page: /start link_TOKEN links this chat to that account.
        if (text.StartsWith("/start " + TelegramLinkService.Prefix, StringComparison.Ordinal) && long.TryParse(message.ChatId, out var chatId))
        {
            var token = text[("/start " + TelegramLinkService.Prefix).Length..].Trim();
            if (!await links.RedeemAsync(db, token, chatId, cancellationToken))
            {
                return [new BotReply(BotTexts.LinkInvalid)];
            }

            // A customer whose phone is not confirmed yet is asked for their contact: Telegram vouches it is the sender's own.
            return await Customers.PhoneVerificationService.WantsContactAsync(db, chatId, cancellationToken)
                ? [new BotReply(BotTexts.Linked), new BotReply(BotTexts.ShareToConfirmPhone, ReplyKeyboard.RequestContact)]
                : [new BotReply(BotTexts.Linked)];
        }

        if (linked is not null)
        {
            return [new BotReply(message.ContactPhone is { } contact
                ? await Customers.PhoneVerificationService.ConfirmContactAsync(db, linked.Id, contact, message.ContactIsSender, cancellationToken)
                : BotTexts.AlreadyRegistered)];
        }

        var application = await db.ExecutorApplications
            .Where(a => a.Channel == message.Channel && a.ExternalId == message.ChatId && a.Status != ApplicationStatus.Rejected)
            .OrderByDescending(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);

        // WhatsApp has no commands: a numbered menu, where "1" starts an application.
        if (message.Channel == "WhatsApp" && application is null or { Status: ApplicationStatus.Approved })
        {
            if (text != "1")
            {
                return [new BotReply(BotTexts.WhatsAppMenu)];
            }

            text = "/start";
        }

        if (text.StartsWith("/start", StringComparison.OrdinalIgnoreCase))
        {
            if (application is { Status: ApplicationStatus.Submitted })
            {
                return [new BotReply(BotTexts.AlreadySubmitted)];
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
            return [new BotReply(BotTexts.AskName)];
        }

        if (application is null or { Status: not ApplicationStatus.Draft })
        {
            return [new BotReply(application?.Status == ApplicationStatus.Submitted ? BotTexts.AlreadySubmitted : BotTexts.Unknown)];
        }

        var reply = await StepAsync(db, application, message, text, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        if (application.Status == ApplicationStatus.Submitted)
        {
            live.Publish(new LiveEvent(LiveEventKind.ApplicationSubmitted, application.Id), LiveTopics.Applications);
        }

        return [reply];
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
