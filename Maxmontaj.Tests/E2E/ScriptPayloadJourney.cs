using Maxmontaj.Core.Chat;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Registration;
using Maxmontaj.Core.Reports;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.E2E;

/// <summary>
/// Script payloads in every text one person types and others see (customer name, address with door code, description,
/// internal notes, the order's note, both chat threads, report text and materials, the rework comment, the review, people's
/// names, a work type, a checklist item, a contractor application), put in through the Core services acting as the right
/// users and through the real new-order dialog and chat box. Every role then opens every page showing them in Chromium:
/// no dialog ever opens, the payloads read as text (escaped, not stripped) and "{{7*7}}" stays literal.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ScriptPayloadJourney(BrowserFixture browser) : IAsyncLifetime
{
    private const string Script = "<script>alert('x1')</script>";
    private const string Img = "<img src=x onerror=alert('x2')>";
    private const string Svg = "\"><svg onload=alert('x3')>";
    private const string Link = "javascript:alert('x4')";
    private const string Template = "{{7*7}}";

    private readonly MaxmontajAppFactory _app = new();
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _dialogs = [];
    private readonly List<string> _consoleErrors = [];

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
    public async Task Script_payloads_in_every_text_field_are_shown_as_text_to_every_role_and_never_run()
    {
        // People, two of them with payloads in their names.
        var admin = await _app.CreateUserAsync(Roles.Admin, "admin@example.ru", name: "Алла Админова");
        var dispatcher = await _app.CreateUserAsync(Roles.Dispatcher, "desk@example.ru", name: "Дина Диспетчер");
        var fitter = await _app.CreateUserAsync(Roles.Executor, "fitter@example.ru", name: $"Фёдор {Img}", skills: 1);
        var customer = await _app.CreateUserAsync(Roles.Customer, "client@example.ru", phone: "+7 910 555-44-33", name: $"Анна {Svg}");

        // The admin's catalogue: a work type and its checklist item.
        var (workType, item) = await _app.AsAsync(admin.Id, Roles.Admin, async sp =>
        {
            var type = (await sp.GetRequiredService<WorkTypeService>().AddAsync($"Монтаж {Script}")).Value;
            var checklistItem = (await sp.GetRequiredService<ChecklistService>().AddAsync(type, $"Пункт {Link} {Template}", false)).Value;
            return (type, checklistItem);
        });
        await _app.WithDbAsync(db =>
        {
            db.UserSkills.Add(new UserSkill { UserId = fitter.Id, WorkTypeId = workType });
            return Task.CompletedTask;
        });

        // The dispatcher's order: customer name, address with apartment and door code, description, internal notes, a note.
        var order = await _app.AsAsync(dispatcher.Id, Roles.Dispatcher, async sp =>
        {
            var orders = sp.GetRequiredService<OrderService>();
            var id = (await orders.CreateAsync(new OrderEditModel
            {
                CustomerName = Script,
                ContactPhone = "+7 910 555-44-33",
                Address = $"ул. {Img}, кв. {Svg}, код двери {Link} {Template}",
                WorkTypeId = workType,
                Description = $"Описание {Template} {Svg}",
                InternalNotes = $"Внутреннее {Img}",
                ScheduledStart = DateTimeOffset.UtcNow.AddHours(1),
                ScheduledEnd = DateTimeOffset.UtcNow.AddHours(3),
            })).Value;
            Assert.True((await orders.AddNoteAsync(id, $"Заметка {Script} {Template}")).Succeeded);
            return id;
        });
        await _app.WithDbAsync(async db =>
        {
            var stored = await db.Orders.SingleAsync(o => o.Id == order);
            stored.CustomerId = customer.Id;
            stored.Status = OrderStatus.InProgress;
            stored.StartedAt = stored.FirstStartedAt = DateTimeOffset.UtcNow;
            db.OrderAssignments.Add(new OrderAssignment { OrderId = order, UserId = fitter.Id, Role = AssignmentRole.Lead, AssignedAt = DateTimeOffset.UtcNow });
            db.ExecutorApplications.Add(new ExecutorApplication
            {
                Id = Guid.CreateVersion7(), Channel = "Telegram", ExternalId = "777", Status = ApplicationStatus.Submitted, Step = ApplicationStep.Done,
                FullName = $"Пётр {Script}", Phone = "+79105550000", SkillIds = workType.ToString(), District = $"Район {Img}",
                CreatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            });
        });

        // Both chat threads, each side writing.
        await _app.AsAsync(fitter.Id, Roles.Executor, sp => sp.GetRequiredService<ChatService>().PostAsync(order, $"Исполнитель {Svg}"));
        await _app.AsAsync(dispatcher.Id, Roles.Dispatcher, sp => sp.GetRequiredService<ChatService>().PostAsync(order, $"Офис {Link}"));
        await _app.AsAsync(dispatcher.Id, Roles.Dispatcher, sp => sp.GetRequiredService<ChatService>().PostAsync(order, $"Клиенту {Img}", null, ChatChannel.Customer));
        Assert.True((await _app.AsAsync(customer.Id, Roles.Customer, sp => sp.GetRequiredService<ChatService>().PostAsync(order, $"От клиента {Script}", null, ChatChannel.Customer))).Succeeded);

        // The report: text and materials; returned with a comment, fixed and submitted again; then the customer's review.
        await _app.AsAsync(fitter.Id, Roles.Executor, async sp =>
        {
            var reports = sp.GetRequiredService<ReportService>();
            Assert.True((await reports.SaveDraftAsync(order, new ReportDraft
            {
                WorkDone = $"Сделано {Script} {Template}",
                TimeSpentMinutes = 60,
                Materials = [new MaterialLine($"Пена {Img}", 1, "шт")],
                CheckedItems = [item],
            })).Succeeded);
            Assert.True((await reports.SubmitAsync(order)).Succeeded);
            return 0;
        });
        Assert.True((await _app.AsAsync(dispatcher.Id, Roles.Dispatcher, sp => sp.GetRequiredService<ReportService>().ReturnAsync(order, $"Переделать {Svg} {Template}"))).Succeeded);
        await _app.WithDbAsync(async db => (await db.Orders.SingleAsync(o => o.Id == order)).Status = OrderStatus.InProgress);
        Assert.True((await _app.AsAsync(fitter.Id, Roles.Executor, sp => sp.GetRequiredService<ReportService>().SubmitAsync(order))).Succeeded);
        Assert.True((await _app.AsAsync(customer.Id, Roles.Customer, sp => sp.GetRequiredService<CustomerPortalService>().ReviewAsync(order, 2, $"Отзыв {Script} {Template}"))).Succeeded);
        var token = await _app.AsAsync(dispatcher.Id, Roles.Dispatcher, sp => sp.GetRequiredService<StatusLinkService>().CreateAsync(order));

        var desk = await SignedInAsync("desk@example.ru");
        try
        {
            // Through the real UI: a new order with a payload as the customer name, and a chat message typed and sent.
            await VisitAsync(desk, "/dispatcher/orders");
            await desk.GetByRole(AriaRole.Button, new() { Name = "Новый заказ" }).ClickAsync();
            var dialog = desk.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Клиент" }).FillAsync($"Типа {Svg}");
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Телефон" }).FillAsync("+7 910 111-22-33");
            await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Адрес" }).FillAsync($"Проспект {Img}");
            await dialog.GetByLabel("Вид работ").ClickAsync();
            var option = desk.GetByRole(AriaRole.Option, new() { Name = $"Монтаж {Script}" });
            await option.ClickAsync();
            await Assertions.Expect(option).ToBeHiddenAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
            await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 15000 });
            var typed = $"Типа {Svg}";
            await Assertions.Expect(desk.GetByText(typed, new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 15000 });

            await VisitAsync(desk, $"/orders/{order}");
            var staffChat = desk.GetByTestId("chat").First;
            await staffChat.GetByLabel("Сообщение").FillAsync($"Набрано {Script} {Template}");
            await staffChat.GetByRole(AriaRole.Button, new() { Name = "Отправить" }).ClickAsync();
            await Assertions.Expect(staffChat.GetByText($"Набрано {Script} {Template}")).ToBeVisibleAsync(new() { Timeout = 15000 });

            // The order page shows each payload as the literal text typed, not removed and not evaluated.
            await ExpectTextAsync(desk, Script);
            await ExpectTextAsync(desk, $"Описание {Template} {Svg}");
            await ExpectTextAsync(desk, $"Заметка {Script} {Template}");
            await ExpectTextAsync(desk, $"Исполнитель {Svg}");
            await ExpectTextAsync(desk, $"Клиенту {Img}");
            await ExpectTextAsync(desk, $"От клиента {Script}");
            await ExpectTextAsync(desk, $"Сделано {Script} {Template}");
            await Assertions.Expect(desk.GetByText("Описание 49")).ToHaveCountAsync(0);
            await Assertions.Expect(desk.GetByText("Заметка " + Script + " 49")).ToHaveCountAsync(0);
            await NoDialogAfterSettleAsync(desk);

            foreach (var path in new[]
            {
                "/dispatcher/orders", "/dispatcher/board", "/dispatcher/inbox", "/dispatcher/analytics", "/dispatcher/applications",
                "/dispatcher/users", $"/dispatcher/people/{fitter.Id}", $"/orders/{order}",
            })
            {
                await VisitAsync(desk, path);
            }

            await ExpectTextAsync(desk, $"Переделать {Svg} {Template}");
            await VisitAsync(desk, "/dispatcher/applications");
            await ExpectTextAsync(desk, $"Пётр {Script}");

            var adminPage = await SignedInAsync("admin@example.ru");
            foreach (var path in new[]
            {
                "/admin/orders", $"/orders/{order}", "/admin/users", "/admin/work-types", "/admin/checklists", "/admin/audit", "/admin/analytics",
            })
            {
                await VisitAsync(adminPage, path);
            }

            await VisitAsync(adminPage, "/admin/work-types");
            await ExpectTextAsync(adminPage, $"Монтаж {Script}");
            await VisitAsync(adminPage, "/admin/users");
            await ExpectTextAsync(adminPage, $"Фёдор {Img}");

            var phone = await SignedInAsync("fitter@example.ru");
            foreach (var path in new[] { "/executor", "/executor/orders", $"/executor/orders/{order}" })
            {
                await VisitAsync(phone, path);
            }

            await ExpectTextAsync(phone, $"Исполнитель {Svg}");

            var client = await SignedInAsync("client@example.ru");
            foreach (var path in new[] { "/customer", $"/customer/orders/{order}" })
            {
                await VisitAsync(client, path);
            }

            await ExpectTextAsync(client, $"От клиента {Script}");

            var stranger = await ContextAsync();
            await VisitAsync(stranger, $"/s/{token}");

            Assert.Empty(_dialogs);
            Assert.DoesNotContain(_consoleErrors, e => e.Contains("x1") || e.Contains("x2") || e.Contains("x3") || e.Contains("x4"));
        }
        catch
        {
            foreach (var (page, index) in _contexts.SelectMany(c => c.Pages).Select((p, i) => (p, i)))
            {
                await page.ScreenshotForAsync($"xss-{index}");
            }

            throw;
        }
    }

    /// <summary>Opens a page and waits until it is interactive, then checks that nothing opened a dialog.</summary>
    private async Task VisitAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("main, .mud-main-content").First).ToBeVisibleAsync(new() { Timeout = 15000 });
        await NoDialogAfterSettleAsync(page);
    }

    /// <summary>
    /// An absence check: a payload that ran would open its alert right after rendering, so the page gets a short settle
    /// (500 ms) before asserting that no dialog was seen. This is not synchronisation; the content is already visible.
    /// </summary>
    private async Task NoDialogAfterSettleAsync(IPage page)
    {
        await page.WaitForTimeoutAsync(500);
        Assert.True(_dialogs.Count == 0, $"a dialog opened on {page.Url}: {string.Join(" | ", _dialogs)}");
        Assert.DoesNotContain(_consoleErrors, e => e.Contains("x1") || e.Contains("x2") || e.Contains("x3") || e.Contains("x4"));

    }

    private static async Task ExpectTextAsync(IPage page, string text) =>
        await Assertions.Expect(page.GetByText(text, new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 15000 });

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await ContextAsync();
        await page.SignInAsync(email, MaxmontajAppFactory.Password);
        await page.WaitForURLAsync(url => !url.Contains("/account/login"), new() { Timeout = 15000 });
        return page;
    }

    private async Task<IPage> ContextAsync()
    {
        // The app's CSP would refuse an injected inline handler before it runs (ContentSecurityPolicyJourney covers that), so a
        // dialog could never open here; without it, this journey tests the escaping itself: markup that slipped through runs.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.ServerAddress, ViewportSize = new ViewportSize { Width = 1400, Height = 1000 }, BypassCSP = true,
        });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            lock (_dialogs)
            {
                _dialogs.Add($"{dialog.Type}: {dialog.Message} on {page.Url}");
            }

            await dialog.DismissAsync();
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_consoleErrors)
                {
                    _consoleErrors.Add(message.Text);
                }
            }
        };
        return page;
    }
}
