namespace Maxmontaj.Core.Orders;

/// <summary>The work types a new installation starts with.</summary>
public static class WorkTypeCatalog
{
    public static IReadOnlyList<WorkType> Defaults { get; } =
    [
        new() { Code = "window-install", Name = "Установка окон", SortOrder = 1 },
        new() { Code = "door-install", Name = "Установка дверей", SortOrder = 2 },
        new() { Code = "ac-install", Name = "Установка кондиционеров", SortOrder = 3 },
        new() { Code = "ac-service", Name = "Обслуживание кондиционеров", SortOrder = 4 },
        new() { Code = "measurement", Name = "Замер", SortOrder = 5 },
        new() { Code = "repair", Name = "Ремонт", SortOrder = 6 },
        new() { Code = "other", Name = "Другое", SortOrder = 7 },
    ];
}
