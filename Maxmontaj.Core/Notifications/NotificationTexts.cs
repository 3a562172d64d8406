namespace Maxmontaj.Core.Notifications;

/// <summary>Every notification text, in Russian, in one place.</summary>
public static class NotificationTexts
{
    /// <summary>Kinds a person may switch off in their profile; the rest always go out.</summary>
    public static IReadOnlyList<string> Optional { get; } = ["status", "morning", "chat"];

    public static string Assigned(string number, string workType, string address, string visit) =>
        $"Вам назначен заказ {number}: {workType}, {address}, {visit}.";

    public static string Unassigned(string number) => $"Вы сняты с заказа {number}.";

    public static string Rescheduled(string number, string visit) => $"Визит по заказу {number} перенесён: {visit}.";

    public static string Status(string number, string plainStatus) => $"Заказ {number}: {plainStatus}.";

    public static string ReportReturned(string number, string comment) => $"Отчёт по заказу {number} возвращён на доработку: {comment}";

    public static string LowRating(string number, int rating) => $"Низкая оценка ({rating} из 5) по заказу {number}. Свяжитесь с клиентом.";

    public static string Invitation(string number, string link) => $"Заказ {number}: задайте пароль по ссылке, чтобы следить за заказом: {link}";

    public static string PasswordReset(string link) =>
        $"Максмонтаж: чтобы задать новый пароль, откройте ссылку: {link}\nЕсли вы не просили сменить пароль, ничего не делайте.";

    /// <summary>The admin's channel test, stamped in company time.</summary>
    public static string ChannelTest(string channel, DateTimeOffset localTime) =>
        $"Проверка канала {channel}: {localTime.ToString("dd.MM.yyyy HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)} (МСК).";

    public static string Morning(int count, string list) => $"Доброе утро! Работ на сегодня: {count}.\n{list}";

    /// <summary>Words a customer understands for the statuses they are told about.</summary>
    public static string? PlainForCustomer(Orders.OrderStatus status) => status switch
    {
        Orders.OrderStatus.Scheduled => "визит запланирован",
        Orders.OrderStatus.InProgress => "мастер приступил к работе",
        Orders.OrderStatus.Completed => "работы выполнены",
        Orders.OrderStatus.Cancelled => "заказ отменён",
        _ => null,
    };
}
