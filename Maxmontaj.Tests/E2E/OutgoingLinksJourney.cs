using System.Text.RegularExpressions;
using Maxmontaj.Core.Notifications;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>The app on Kestrel with WhatsApp (template messages) pointed at a fake Graph API: what people outside the office receive.</summary>
public sealed class OutgoingLinksAppFactory : MaxmontajAppFactory
{
    public FakeGraphApi Graph { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["WhatsApp:BaseUrl"] = Graph.BaseUrl,
        ["WhatsApp:AccessToken"] = "token",
        ["WhatsApp:PhoneNumberId"] = "1000",
        ["WhatsApp:TemplateName"] = "order_update",
        ["Notifications:PollSeconds"] = "3600",
    };

    public override async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
    }

    /// <summary>Sends what is due now, as the outbox worker would on its next round.</summary>
    public Task DispatchAsync() => AsDispatcherAsync(async sp =>
    {
        await sp.GetRequiredService<OutboxDispatcher>().DispatchDueAsync();
        return 0;
    });
}

/// <summary>
/// In Chromium: links that leave the app are absolute and open the right page. The invited customer takes the link out of
/// the WhatsApp message, sets a password and sees the order; the status link opened twice in the dialog keeps working.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed partial class OutgoingLinksJourney(BrowserFixture browser) : IAsyncLifetime
{
    private readonly OutgoingLinksAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)_app).InitializeAsync();
        _ = _app.ServerAddress;
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await ((IAsyncLifetime)_app).DisposeAsync();
        await _app.Graph.DisposeAsync();
    }

    [Fact]
    public async Task The_invited_customer_opens_the_link_from_the_message_sets_a_password_and_sees_the_order()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var order = await _app.AddOrderAsync("Ирина Приглашённая");
        var desk = await PageAsync();
        var phone = await PageAsync(baseUrl: null);
        try
        {
            await desk.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
            await desk.WaitForURLAsync(url => !url.Contains("/account/login"));
            await desk.GotoAsync($"/orders/{order.Id}");
            await desk.WaitForInteractiveAsync();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Пригласить клиента" }).ClickAsync();
            var dialog = desk.GetByRole(AriaRole.Dialog);
            var shown = await dialog.GetByLabel("Ссылка-приглашение").InputValueAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();

            // The message the customer receives carries the same link, absolute, on the app's public address.
            await _app.DispatchAsync();
            var message = Assert.Single(_app.Graph.To("79101234567"));
            Assert.Contains($"Заказ {order.Number}", message);
            var link = Link().Match(message).Value;
            Assert.Equal(shown, link);
            Assert.StartsWith(_app.ServerAddress + "/account/invite?user=", link);

            await phone.GotoAsync(link);
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Задайте пароль" })).ToBeVisibleAsync();
            await phone.GetByLabel("Новый пароль").FillAsync("Client-Pass-2026");
            await phone.GetByRole(AriaRole.Button, new() { Name = "Сохранить и войти" }).ClickAsync();
            await phone.WaitForURLAsync("**/customer");
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = $"{order.Number} · Установка окон" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }
        catch
        {
            await desk.ScreenshotForAsync("links-desk");
            await phone.ScreenshotForAsync("links-phone");
            throw;
        }
    }

    [Fact]
    public async Task The_approved_contractor_opens_the_link_from_the_message_sets_a_password_and_reaches_the_job_list()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        await _app.WithDbAsync(db =>
        {
            db.ExecutorApplications.Add(new ExecutorApplication
            {
                Id = Guid.NewGuid(), Channel = "WhatsApp", ExternalId = "79165550011", Status = ApplicationStatus.Submitted,
                FullName = "Олег Подрядчиков", Phone = "+79165550011", SkillIds = "1", District = "Южный",
                CreatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            });
            return Task.CompletedTask;
        });
        var desk = await PageAsync();
        var fitter = await PageAsync(baseUrl: null);
        try
        {
            await desk.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
            await desk.WaitForURLAsync(url => !url.Contains("/account/login"));
            await desk.GotoAsync("/dispatcher/applications");
            await desk.WaitForInteractiveAsync();
            await desk.GetByRole(AriaRole.Button, new() { Name = "Одобрить" }).ClickAsync();
            await Assertions.Expect(desk.GetByText("Заявка одобрена")).ToBeVisibleAsync();

            await _app.DispatchAsync();
            var link = Link().Match(Assert.Single(_app.Graph.To("79165550011"))).Value;
            Assert.StartsWith(_app.ServerAddress + "/account/invite?user=", link);

            await fitter.GotoAsync(link);
            await fitter.GetByLabel("Новый пароль").FillAsync("Fitter-Pass-2026");
            await fitter.GetByRole(AriaRole.Button, new() { Name = "Сохранить и войти" }).ClickAsync();
            await fitter.WaitForURLAsync("**/executor/orders");
        }
        catch
        {
            await desk.ScreenshotForAsync("approval-desk");
            await fitter.ScreenshotForAsync("approval-fitter");
            throw;
        }
    }

    [Fact]
    public async Task Looking_at_the_status_link_twice_keeps_the_customers_link_working_until_a_new_one_is_made()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var order = await _app.AddOrderAsync("Семён Ссылкин", start: DateTimeOffset.UtcNow.AddDays(1));
        var desk = await PageAsync();
        var customer = await PageAsync(baseUrl: null);
        try
        {
            await desk.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
            await desk.WaitForURLAsync(url => !url.Contains("/account/login"));
            await desk.GotoAsync($"/orders/{order.Id}");
            await desk.WaitForInteractiveAsync();
            var dialog = desk.GetByRole(AriaRole.Dialog);
            await desk.GetByRole(AriaRole.Button, new() { Name = "Ссылка для клиента" }).ClickAsync();
            var link = await dialog.GetByLabel("Ссылка на статус заказа").InputValueAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();
            Assert.StartsWith(_app.ServerAddress + "/s/", link);

            // Looking again says the link was given and leaves it working.
            await desk.GetByRole(AriaRole.Button, new() { Name = "Ссылка для клиента" }).ClickAsync();
            await Assertions.Expect(dialog.GetByText("уже выдана клиенту")).ToBeVisibleAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Закрыть" }).ClickAsync();
            await customer.GotoAsync(link);
            await Assertions.Expect(customer.GetByTestId("plain-status")).ToHaveTextAsync("Визит запланирован");

            // Only the explicit "new link" replaces it.
            await desk.GetByRole(AriaRole.Button, new() { Name = "Ссылка для клиента" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Новая ссылка" }).ClickAsync();
            var fresh = await dialog.GetByLabel("Ссылка на статус заказа").InputValueAsync();
            Assert.NotEqual(link, fresh);
            await customer.GotoAsync(link);
            await Assertions.Expect(customer.GetByText("Ссылка больше не действует")).ToBeVisibleAsync();
            await customer.GotoAsync(fresh);
            await Assertions.Expect(customer.GetByTestId("plain-status")).ToHaveTextAsync("Визит запланирован");
        }
        catch
        {
            await desk.ScreenshotForAsync("status-link-desk");
            await customer.ScreenshotForAsync("status-link-customer");
            throw;
        }
    }

    private async Task<IPage> PageAsync(string? baseUrl = "")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl is null ? null : _app.ServerAddress,
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(10_000);
        _contexts.Add(context);
        return await context.NewPageAsync();
    }
}
