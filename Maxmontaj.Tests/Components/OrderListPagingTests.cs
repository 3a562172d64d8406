using Bunit;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;

namespace Maxmontaj.Tests.Components;

/// <summary>The order list's keyset pager: next, previous, first and last page, and the count it shows.</summary>
[Trait("Category", "Sqlite")]
public sealed class OrderListPagingTests : OrderComponentTestBase
{
    private static string[] Customers(IRenderedComponent<OrderList> list) =>
        [.. list.FindAll("tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim())];

    private static void Click(IRenderedComponent<OrderList> list, string label) =>
        list.Find($"button[aria-label='{label}']").Click();

    [Fact]
    public async Task The_pager_walks_next_previous_last_and_first_pages()
    {
        // Newest first: "Клиент 27" heads the first page, "Клиент 01" ends the last.
        for (var i = 1; i <= 27; i++)
        {
            Db.Time.Advance(TimeSpan.FromMinutes(1));
            await CreateOrderAsync($"Клиент {i:00}");
        }

        var list = Render<OrderList>();

        list.WaitForAssertion(() => Assert.Equal(25, Customers(list).Length));
        Assert.Equal("Клиент 27", Customers(list)[0]);
        Assert.Equal("Найдено: 27", list.Find("[data-testid='orders-count']").TextContent.Trim());
        Assert.True(list.Find("button[aria-label='Предыдущая страница']").HasAttribute("disabled"));

        Click(list, "Следующая страница");
        list.WaitForAssertion(() => Assert.Equal(["Клиент 02", "Клиент 01"], Customers(list)));
        Assert.True(list.Find("button[aria-label='Следующая страница']").HasAttribute("disabled"));

        Click(list, "Предыдущая страница");
        list.WaitForAssertion(() => Assert.Equal("Клиент 27", Customers(list)[0]));
        Assert.Equal(25, Customers(list).Length);

        Click(list, "Последняя страница");
        list.WaitForAssertion(() => Assert.Equal("Клиент 01", Customers(list)[^1]));
        Assert.Equal("Клиент 25", Customers(list)[0]);

        Click(list, "Первая страница");
        list.WaitForAssertion(() => Assert.Equal("Клиент 27", Customers(list)[0]));
    }
}
