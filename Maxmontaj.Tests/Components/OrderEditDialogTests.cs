using Bunit;
using Maxmontaj.Core.Orders;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Shared;
using MudBlazor;

namespace Maxmontaj.Tests.Components;

[Trait("Category", "Sqlite")]
public sealed class OrderEditDialogTests : OrderComponentTestBase
{
    private async Task<IDialogReference> OpenAsync(Guid? orderId = null)
    {
        var service = Services.GetService(typeof(IDialogService)) as IDialogService;
        var parameters = new DialogParameters<OrderEditDialog>();
        if (orderId is { } id)
        {
            parameters.Add(d => d.OrderId, id);
        }

        IDialogReference? reference = null;
        await Dialogs.InvokeAsync(async () => reference = await service!.ShowAsync<OrderEditDialog>("order", parameters));
        Dialogs.WaitForElement(".mud-dialog");
        return reference!;
    }

    private Task SaveAsync() =>
        Dialogs.InvokeAsync(() => Dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Contains("Сохранить")).Click());

    [Fact]
    public async Task Saving_an_empty_form_shows_russian_messages_next_to_the_fields_and_creates_nothing()
    {
        await OpenAsync();

        await SaveAsync();

        Dialogs.WaitForAssertion(() => Assert.Contains("Укажите адрес.", Dialogs.Markup));
        Assert.Contains("Введите корректный номер телефона", Dialogs.Markup);
        Assert.Contains("Выберите вид работ.", Dialogs.Markup);
        Assert.Empty((await Db.Get<OrderQueries>().ListAsync(new OrderListQuery())).Items);
    }

    [Fact]
    public async Task A_conflicting_save_shows_a_message_and_the_fresh_data_and_overwrites_nothing()
    {
        var id = await CreateOrderAsync("Исходное Имя");
        await OpenAsync(id);
        Dialogs.WaitForAssertion(() => Assert.Contains("Исходное Имя", Dialogs.Markup));
        var fresh = await Db.Get<OrderService>().GetAsync(id);
        fresh.Fields.CustomerName = "Имя От Коллеги";
        Assert.True((await Db.Get<OrderService>().UpdateAsync(id, fresh.Fields, fresh.Version)).Succeeded);

        await SaveAsync();

        Dialogs.WaitForAssertion(() => Assert.Contains("Заказ только что изменил другой пользователь", Dialogs.Markup));
        Assert.Contains("Имя От Коллеги", Dialogs.Markup);
        Assert.Equal("Имя От Коллеги", (await Db.Get<OrderService>().GetAsync(id)).Fields.CustomerName);
    }
}
