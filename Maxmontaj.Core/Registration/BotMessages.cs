namespace Maxmontaj.Core.Registration;

/// <summary>A message from a person to the bot, whatever the messenger.</summary>
public sealed record IncomingMessage(string Channel, string ChatId, string? Text, string? ContactPhone = null, bool ContactIsSender = false);

public enum ReplyKeyboard
{
    None,
    RequestContact,
}

/// <summary>What the bot answers; <see cref="Options"/> are numbered choices the person may type.</summary>
public sealed record BotReply(string Text, ReplyKeyboard Keyboard = ReplyKeyboard.None, IReadOnlyList<string>? Options = null);

/// <summary>The bot's texts, in Russian, in one place.</summary>
public static class BotTexts
{
    public const string AskName = "Здравствуйте! Это бот компании «Максмонтаж». Чтобы стать нашим мастером, ответьте на несколько вопросов.\nКак вас зовут? Напишите имя и фамилию.";
    public const string AskPhone = "Поделитесь, пожалуйста, своим номером телефона — кнопкой ниже.";
    public const string ShareButton = "Поделиться номером";
    public const string NotOwnContact = "Нужен ваш собственный номер. Нажмите кнопку «Поделиться номером».";
    public const string PhoneTaken = "Этот номер уже зарегистрирован. Если это вы — войдите в личный кабинет или обратитесь к диспетчеру.";
    public const string AskSkills = "Какие работы вы выполняете? Отправьте номера через запятую, например: 1, 3.";
    public const string BadSkills = "Не понял номера. Отправьте номера из списка через запятую, например: 1, 3.";
    public const string AskDistrict = "В каком районе вам удобнее работать?";
    public const string Submitted = "Спасибо! Заявка отправлена диспетчеру. Мы напишем, когда её рассмотрят.";
    public const string AlreadySubmitted = "Ваша заявка уже у диспетчера. Мы напишем, когда её рассмотрят.";
    public const string AlreadyRegistered = "Вы уже зарегистрированы, уведомления приходят сюда. Отправьте /stop, чтобы их отключить.";
    public const string Unknown = "Здравствуйте! Отправьте /start, чтобы подать заявку мастера.";
    public const string Stopped = "Уведомления в этом чате отключены. Отправьте /start, чтобы включить их снова.";
    public const string Linked = "Готово: уведомления «Максмонтаж» будут приходить сюда.";
    public const string LinkInvalid = "Ссылка для привязки недействительна. Откройте её заново из личного кабинета.";
    public const string NameTooLong = "Слишком длинно. Напишите имя и фамилию.";
    public const string WhatsAppMenu = "Здравствуйте! Это «Максмонтаж».\n1. Стать нашим мастером\nНапишите цифру.";

    public const string PhoneVerified = "Готово: ваш номер телефона подтверждён в личном кабинете «Максмонтаж».";
    public const string ShareToConfirmPhone = "Чтобы подтвердить номер телефона из личного кабинета, нажмите «Поделиться номером» ниже.";
    public const string PhoneContactMismatch = "Этот номер не совпадает с номером в личном кабинете. Поделитесь номером, который указан в кабинете.";
    public const string PhoneCodeWrong = "Код не подошёл или устарел. Получите новый код в личном кабинете и отправьте его с этого номера.";

    public const string Resumed = "Уведомления снова будут приходить в этот чат. Отправьте /stop, чтобы отключить их.";
    public const string NoNextJob = "Ближайших работ нет.";
    public const string NoOrders = "Заказов пока нет.";

    public const string StaffHelp = "Это бот «Максмонтаж»: сюда приходят уведомления о ваших работах.\n1 или /next — ближайшая работа\n"
        + "2 — отключить или включить уведомления здесь (/stop, /start)\n3 или /help — эта справка\nОстальное — в личном кабинете.";

    public const string CustomerHelp = "Это бот «Максмонтаж»: сюда приходят новости о ваших заказах.\n1 — ваш последний заказ\n"
        + "2 — отключить или включить уведомления здесь (/stop, /start)\n3 или /help — эта справка\nОстальное — в личном кабинете.";

    /// <summary>The menu of someone with an account (staff or customer), with the switch for this chat's notifications.</summary>
    public static string Menu(bool staff, bool notificationsOn) =>
        "Меню «Максмонтаж»:\n1. " + (staff ? "Моя ближайшая работа" : "Мой последний заказ") + "\n2. "
        + (notificationsOn ? "Отключить уведомления здесь" : "Включить уведомления здесь") + "\n3. Помощь\nНапишите цифру.";

    public static string NextJob(string when, string number, string workType, string address) =>
        $"Ближайшая работа: {when} — заказ {number}, {workType}, {address}.";

    public static string LastOrder(string number, string status) => $"Заказ {number}: {status}. Подробности — в личном кабинете «Максмонтаж».";

    public static string Approved(string link) => $"Ваша заявка одобрена! Задайте пароль по ссылке и войдите в кабинет мастера: {link}";

    public static string Rejected(string? reason) =>
        "К сожалению, заявка не одобрена." + (string.IsNullOrWhiteSpace(reason) ? "" : $" Причина: {reason}");
}
