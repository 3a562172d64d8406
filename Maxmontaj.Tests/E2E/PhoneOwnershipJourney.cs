using System.Security.Cryptography;
using System.Text;
using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>The app with WhatsApp pointed at a fake Graph API and a business number customers send their codes to.</summary>
public sealed class PhoneOwnershipAppFactory : MaxmontajAppFactory
{
    public const string Secret = "phone-secret-16";

    public FakeGraphApi Graph { get; private set; } = default!;

    protected override IReadOnlyDictionary<string, string?> Overrides => new Dictionary<string, string?>
    {
        ["WhatsApp:BaseUrl"] = Graph.BaseUrl,
        ["WhatsApp:AccessToken"] = "token",
        ["WhatsApp:PhoneNumberId"] = "1000",
        ["WhatsApp:AppSecret"] = Secret,
        ["WhatsApp:BusinessNumber"] = "+7 495 123-45-67",
        ["Notifications:PollSeconds"] = "3600",
    };

    public override async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

/// <summary>
/// Someone signs up with another person's phone: the office's order for that phone (address with the door code, price, chat)
/// never reaches them. The real owner signs up with the same phone, proves it by sending the code from WhatsApp (a signed
/// webhook post), the dispatcher confirms the proposed link on the order page, and only then the owner sees the order.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class PhoneOwnershipJourney(BrowserFixture browser) : IAsyncLifetime
{
    private const string Address = "ул. Лесная, 5, кв. 7, домофон 7342#";
    private readonly PhoneOwnershipAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];

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
    }

    [Fact]
    public async Task An_impostor_sees_nothing_and_the_owner_gets_the_order_after_proving_the_phone_and_the_dispatchers_confirmation()
    {
        await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var impostor = await ContextAsync();
        var owner = await ContextAsync();
        var desk = await ContextAsync();
        try
        {
            await SignUpAsync(impostor, "Иван Самозванцев", null);
            await Assertions.Expect(impostor.GetByTestId("phone-status")).ToHaveTextAsync("Телефон не подтверждён");

            // The real owner calls the office: an order for their phone, with the door code, a price and a message for them.
            var order = await _app.AsDispatcherAsync(async sp =>
            {
                var id = (await sp.GetRequiredService<OrderService>().CreateAsync(new OrderEditModel
                {
                    CustomerName = "Анна Настоящая", ContactPhone = "+7 910 555-44-33", Address = Address, WorkTypeId = 1, PriceEstimate = 25000m,
                })).Value;
                await sp.GetRequiredService<ChatService>().PostAsync(id, "Анна, мастер приедет завтра в 10:00", null, ChatChannel.Customer);
                return id;
            });

            await impostor.GotoAsync("/customer");
            await impostor.WaitForInteractiveAsync();
            await Assertions.Expect(impostor.GetByText("У вас пока нет заказов.")).ToBeVisibleAsync();
            await impostor.GotoAsync($"/customer/orders/{order}");
            await impostor.WaitForInteractiveAsync();
            await Assertions.Expect(impostor.GetByText("Заказ недоступен", new() { Exact = false })).ToBeVisibleAsync();
            Assert.DoesNotContain("7342", await impostor.ContentAsync());
            Assert.DoesNotContain("мастер приедет", await impostor.ContentAsync());

            // The dispatcher sees the impostor only as a proposal marked unconfirmed.
            await desk.SignInAsync("desk@example.ru", MaxmontajAppFactory.Password);
            await desk.WaitForURLAsync(url => !url.Contains("/account/login"));
            await desk.GotoAsync($"/orders/{order}");
            await desk.WaitForInteractiveAsync();
            await Assertions.Expect(desk.GetByTestId("customer-proposal")).ToContainTextAsync("Иван Самозванцев");
            await Assertions.Expect(desk.GetByTestId("customer-proposal")).ToContainTextAsync("телефон не подтверждён");

            // The owner signs up with the same phone (not refused) and proves it from WhatsApp.
            await SignUpAsync(owner, "Анна Настоящая", "anna@example.ru");
            await Assertions.Expect(owner.GetByTestId("phone-status")).ToHaveTextAsync("Телефон не подтверждён");
            await owner.GetByRole(AriaRole.Button, new() { Name = "Подтвердить через WhatsApp" }).ClickAsync();
            var code = (await owner.GetByTestId("phone-code").TextContentAsync())!.Trim();
            Assert.Matches("^[0-9]{6}$", code);
            await Assertions.Expect(owner.GetByText("+7 495 123-45-67", new() { Exact = false })).ToBeVisibleAsync();
            Assert.True((await PostWhatsAppAsync("79105554433", code)).IsSuccessStatusCode);
            await _app.DeliverDueAsync();   // the bot's answer is an outbox row; the worker sends it right after the commit
            Assert.Equal(BotTexts.PhoneVerified, _app.Graph.To("79105554433")[^1]);
            await owner.GetByRole(AriaRole.Button, new() { Name = "Я отправил код" }).ClickAsync();
            await Assertions.Expect(owner.GetByTestId("phone-status")).ToHaveTextAsync("Телефон подтверждён");
            await Assertions.Expect(owner.GetByText("У вас пока нет заказов.")).ToBeVisibleAsync();

            // Now the proposal is the owner, confirmed; the dispatcher links it.
            await desk.ReloadAsync();
            await desk.WaitForInteractiveAsync();
            var proposal = desk.GetByTestId("customer-proposal");
            await Assertions.Expect(proposal).ToContainTextAsync("Анна Настоящая");
            await Assertions.Expect(proposal).ToContainTextAsync("телефон подтверждён");
            await Assertions.Expect(proposal).Not.ToContainTextAsync("Самозванцев");
            await proposal.GetByRole(AriaRole.Button, new() { Name = "Привязать к клиенту" }).ClickAsync();
            await Assertions.Expect(desk.GetByText("Заказ привязан к учётной записи клиента")).ToBeVisibleAsync();
            await Assertions.Expect(proposal).ToHaveCountAsync(0);

            await owner.GotoAsync("/customer");
            await owner.WaitForInteractiveAsync();
            await owner.Locator("[data-customer-order]").GetByRole(AriaRole.Link).ClickAsync();
            await owner.WaitForURLAsync($"**/customer/orders/{order}");
            await Assertions.Expect(owner.GetByText(Address)).ToBeVisibleAsync();
            await Assertions.Expect(owner.GetByText("Анна, мастер приедет завтра в 10:00").First).ToBeVisibleAsync();

            await impostor.GotoAsync("/customer");
            await impostor.WaitForInteractiveAsync();
            await Assertions.Expect(impostor.GetByText("У вас пока нет заказов.")).ToBeVisibleAsync();
            await Assertions.Expect(impostor.GetByTestId("phone-verification")).ToContainTextAsync("Телефон не указан.");
        }
        catch
        {
            await impostor.ScreenshotForAsync("phone-impostor");
            await owner.ScreenshotForAsync("phone-owner");
            await desk.ScreenshotForAsync("phone-desk");
            throw;
        }
    }

    private async Task<IPage> ContextAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ServerAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private static async Task SignUpAsync(IPage page, string name, string? email)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("Имя").FillAsync(name);
        await page.GetByLabel("Телефон").FillAsync("8 (910) 555-44-33");
        if (email is not null)
        {
            await page.GetByLabel("Email", new() { Exact = false }).FillAsync(email);
        }

        await page.GetByLabel("Пароль").FillAsync("Client-Pass-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Зарегистрироваться" }).ClickAsync();
        await page.WaitForURLAsync("**/customer");
        await page.WaitForInteractiveAsync();
    }

    /// <summary>A text message from <paramref name="from"/> to the business, signed as Meta signs its webhook posts.</summary>
    private async Task<HttpResponseMessage> PostWhatsAppAsync(string from, string text)
    {
        var json = $$$"""{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","messages":[{"from":"{{{from}}}","id":"wamid.phone.{{{Guid.NewGuid():N}}}","timestamp":"1764300000","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}""";
        var request = new HttpRequestMessage(HttpMethod.Post, "/whatsapp/webhook") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(PhoneOwnershipAppFactory.Secret), Encoding.UTF8.GetBytes(json))));
        using var client = new HttpClient { BaseAddress = new Uri(_app.ServerAddress) };
        return await client.SendAsync(request);
    }
}
