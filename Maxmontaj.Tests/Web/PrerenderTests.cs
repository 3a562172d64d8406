using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Web;

/// <summary>A prerender (the first HTTP response of a page) reads the page's data once and follows no live events.</summary>
[Trait("Category", "Sqlite")]
public sealed class PrerenderTests(PrerenderAppFactory app) : IClassFixture<PrerenderAppFactory>
{
    [Fact]
    public async Task A_prerender_only_request_of_the_live_pages_subscribes_to_nothing()
    {
        await app.CreateUserAsync(Roles.Dispatcher, "prerender-dispatcher@example.ru");
        var order = await app.AddOrderAsync("Клиент Пререндера");
        var client = await SignInForm.SignedInClientAsync(app, "prerender-dispatcher@example.ru");
        app.LiveEvents.Clear();

        foreach (var url in new[] { "/dispatcher/board", "/dispatcher/orders", $"/orders/{order.Id}", "/dispatcher/analytics",
                     "/dispatcher/inbox", "/dispatcher/applications" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(app.LiveEvents.Subscribed);
        Assert.Equal(0, app.LiveEvents.Hub.SubscriptionCount);
    }

    [Fact]
    public async Task The_prerendered_order_page_shows_the_order_for_crawlers_and_slow_circuits()
    {
        await app.CreateUserAsync(Roles.Dispatcher, "prerender-reader@example.ru");
        var order = await app.AddOrderAsync("Клиент Видимый Сразу");
        var client = await SignInForm.SignedInClientAsync(app, "prerender-reader@example.ru");

        var markup = await client.GetStringAsync($"/orders/{order.Id}");

        Assert.Contains("Клиент Видимый Сразу", markup);
        Assert.Contains("Blazor-Server-Component-State", markup);
    }
}
