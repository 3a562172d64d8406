using System.Globalization;

/// <summary>Russian names, Moscow-region addresses, phones and short texts for the generated data.</summary>
static class Names
{
    private static readonly string[] MaleFirst = ["Александр", "Алексей", "Андрей", "Артём", "Борис", "Вадим", "Виктор", "Владимир", "Дмитрий", "Евгений", "Иван", "Игорь", "Кирилл", "Максим", "Михаил", "Николай", "Олег", "Павел", "Пётр", "Роман", "Сергей", "Степан", "Юрий", "Ярослав"];
    private static readonly string[] FemaleFirst = ["Анна", "Алина", "Валентина", "Вера", "Галина", "Дарья", "Екатерина", "Елена", "Ирина", "Ксения", "Людмила", "Марина", "Мария", "Наталья", "Ольга", "Полина", "Светлана", "Татьяна", "Юлия"];
    private static readonly string[] Last = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв", "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв", "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев", "Антонов", "Тарасов"];
    private static readonly string[] Streets = ["ул. Ленина", "ул. Садовая", "ул. Садовая-Кудринская", "пр. Мира", "ул. Гагарина", "ул. Советская", "ул. Молодёжная", "ул. Центральная", "ул. Школьная", "ул. Лесная", "ул. Новая", "ул. Набережная", "Ленинградский пр.", "ул. Профсоюзная", "ул. Тверская", "Кутузовский пр.", "ул. Бауманская", "ул. Первомайская", "ул. Заводская", "ул. Полевая", "ул. Строителей", "ул. Пушкина", "ул. Чехова", "Варшавское ш.", "ул. Академика Королёва", "ул. Нижегородская", "ул. Маршала Жукова", "Волгоградский пр.", "ул. Вавилова", "Дмитровское ш."];
    private static readonly string[] Towns = ["Москва", "Москва", "Москва", "Москва", "Химки", "Мытищи", "Балашиха", "Подольск", "Королёв", "Люберцы", "Красногорск", "Одинцово", "Долгопрудный", "Реутов"];
    private static readonly string[] Works = ["Установить два окна ПВХ", "Замер балконного блока", "Заменить стеклопакет", "Регулировка фурнитуры", "Монтаж входной двери", "Установить кондиционер", "Москитные сетки на все окна", "Откосы и отливы", "Ремонт ручки и петель", "Утепление балкона"];
    private static readonly string[] Chat = ["Буду через 20 минут", "Клиент просит перенести на вечер", "Нужен ещё один стеклопакет", "Подъезд с кодом 45К", "Фото замера прикрепил", "Заказчик не отвечает", "Работы закончены, жду проверки", "Можно прийти пораньше?", "Парковка во дворе", "Спасибо!"];
    private static readonly string[] ReviewTexts = ["Всё аккуратно, спасибо", "Пришли вовремя, сделали быстро", "Немного задержались, но результат отличный", "Мастер вежливый, убрал за собой", "Пришлось вызывать повторно"];

    public static string Person(Random random)
    {
        var female = random.Next(2) == 0;
        var first = female ? FemaleFirst[random.Next(FemaleFirst.Length)] : MaleFirst[random.Next(MaleFirst.Length)];
        var last = Last[random.Next(Last.Length)];
        return $"{(female ? last + "а" : last)} {first}";
    }

    public static string Phone(Random random) =>
        string.Create(CultureInfo.InvariantCulture, $"+79{random.Next(10, 100)}{random.Next(0, 10_000_000):0000000}");

    public static string Address(Random random)
    {
        var town = Towns[random.Next(Towns.Length)];
        var street = Streets[random.Next(Streets.Length)];
        var house = 1 + (int)Math.Floor(Math.Pow(random.NextDouble(), 2) * 150);
        return random.Next(5) == 0
            ? $"{town}, {street}, д. {house}"
            : $"{town}, {street}, д. {house}, кв. {1 + random.Next(300)}";
    }

    public static string Description(Random random, int type) => Works[(type + random.Next(3)) % Works.Length];

    public static string ChatText(Random random) => Chat[random.Next(Chat.Length)];

    public static string ReviewText(Random random) => ReviewTexts[random.Next(ReviewTexts.Length)];
}
