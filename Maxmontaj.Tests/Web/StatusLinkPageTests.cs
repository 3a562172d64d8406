using System.Net;
using AngleSharp.Html.Parser;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Maxmontaj.Tests.Web;

/// <summary>An order with secrets (internal notes, an unreleased price, the executor's surname) and three links: live, revoked, expired.</summary>
public sealed class StatusLinkAppFactory : MaxmontajAppFactory
{
    public const string Live = "live-token-0123456789ab";
    public const string Revoked = "revoked-token-0123456789";
    public const string Expired = "expired-token-0123456789";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _ = ServerAddress; // Kestrel must start before anything touches the app's services.
        var fitter = await CreateUserAsync(Roles.Executor, "fitter@example.ru", name: "Фёдор Монтажников", skills: 1);
        var open = await AddOrderAsync("Анна Клиентова", start: DateTimeOffset.UtcNow.AddDays(1));
        var closed = await AddOrderAsync("Анна Клиентова");
        await WithDbAsync(async db =>
        {
            var order = await db.Orders.SingleAsync(o => o.Id == open.Id);
            order.InternalNotes = "СЕКРЕТ: не звонить после 18:00";
            order.FinalPrice = 98765m;
            order.PriceEstimate = 87654m;
            db.OrderAssignments.Add(new OrderAssignment { OrderId = open.Id, UserId = fitter.Id, Role = AssignmentRole.Lead });
            db.OrderEvents.Add(new OrderEvent { OrderId = open.Id, At = DateTimeOffset.UtcNow, Kind = OrderEventKind.NoteAdded, Details = "СЕКРЕТ-ЗАМЕТКА" });
            var old = await db.Orders.SingleAsync(o => o.Id == closed.Id);
            (old.Status, old.ClosedAt) = (OrderStatus.Closed, DateTimeOffset.UtcNow.AddDays(-31));
            db.StatusLinks.Add(new StatusLink { Id = Guid.NewGuid(), OrderId = open.Id, TokenHash = Maxmontaj.Core.Common.SecureTokens.Hash(Live), CreatedAt = DateTimeOffset.UtcNow });
            db.StatusLinks.Add(new StatusLink { Id = Guid.NewGuid(), OrderId = open.Id, TokenHash = Maxmontaj.Core.Common.SecureTokens.Hash(Revoked), CreatedAt = DateTimeOffset.UtcNow, RevokedAt = DateTimeOffset.UtcNow });
            db.StatusLinks.Add(new StatusLink { Id = Guid.NewGuid(), OrderId = closed.Id, TokenHash = Maxmontaj.Core.Common.SecureTokens.Hash(Expired), CreatedAt = DateTimeOffset.UtcNow.AddDays(-40) });
        });
    }
}

/// <summary>
/// In Chromium, as a customer opens the link from a message: the page reads the order once its circuit runs (the prerender
/// shows a skeleton, ADR 0013), so what reaches the customer is the rendered page, read here from the browser.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", "Browser")]
public sealed class StatusLinkPageTests(BrowserFixture browser, StatusLinkAppFactory app) : IClassFixture<StatusLinkAppFactory>
{
    [Fact]
    public async Task The_link_page_shows_the_status_without_signing_in_and_nothing_internal_reaches_the_markup()
    {
        var markup = await OpenAsync(StatusLinkAppFactory.Live, "[data-testid=customer-status]");

        Assert.Contains("Визит запланирован", markup);
        Assert.Contains("Фёдор", markup);
        Assert.DoesNotContain("Монтажников", markup);
        Assert.DoesNotContain("СЕКРЕТ", markup);
        Assert.DoesNotContain("98765", markup.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", ""));
        Assert.DoesNotContain("87654", markup.Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", ""));
        Assert.DoesNotContain("Стоимость", markup);
    }

    [Theory]
    [InlineData("no-such-token-0123456789")]
    [InlineData(StatusLinkAppFactory.Revoked)]
    [InlineData(StatusLinkAppFactory.Expired)]
    public async Task Wrong_revoked_and_expired_links_get_the_same_friendly_page(string token)
    {
        var page = new HtmlParser().ParseDocument(await OpenAsync(token, "[data-testid=link-invalid]"));

        Assert.Equal("Ссылка больше не действуетПопросите диспетчера прислать новую ссылку или войдите в личный кабинет.",
            page.QuerySelector("[data-testid=link-invalid]")!.TextContent.Replace("\n", "").Replace("  ", "").Trim());
        Assert.Null(page.QuerySelector("[data-testid=customer-status]"));
    }

    /// <summary>Opens the link signed out, waits for <paramref name="shown"/>, and returns the page's markup.</summary>
    private async Task<string> OpenAsync(string token, string shown)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.ServerAddress });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync($"/s/{token}");
        Assert.Equal((int)HttpStatusCode.OK, response!.Status);
        await page.WaitForInteractiveAsync();
        await page.Locator(shown).WaitForAsync();
        return await page.ContentAsync();
    }
}
