using System.Net;
using AngleSharp.Html.Parser;
using Maxmontaj.Core.Customers;
using Maxmontaj.Core.Orders;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;
using Microsoft.EntityFrameworkCore;

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

[Trait("Category", "Sqlite")]
public sealed class StatusLinkPageTests(StatusLinkAppFactory app) : IClassFixture<StatusLinkAppFactory>
{
    [Fact]
    public async Task The_link_page_shows_the_status_without_signing_in_and_nothing_internal_reaches_the_markup()
    {
        var response = await SignInForm.NewClient(app).GetAsync($"/s/{StatusLinkAppFactory.Live}");
        var markup = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
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
        var response = await SignInForm.NewClient(app).GetAsync($"/s/{token}");
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ссылка больше не действуетПопросите диспетчера прислать новую ссылку или войдите в личный кабинет.",
            page.QuerySelector("[data-testid=link-invalid]")!.TextContent.Replace("\n", "").Replace("  ", "").Trim());
        Assert.Null(page.QuerySelector("[data-testid=customer-status]"));
    }
}
