using System.Net;
using Maxmontaj.Core.Users;
using Maxmontaj.Tests.Support;

namespace Maxmontaj.Tests.Web;

/// <summary>A prerender (the first HTTP response of a page) shows a skeleton: it reads no data and follows no live events (ADR 0013).</summary>
[Trait("Category", "Sqlite")]
public sealed class PrerenderTests(PrerenderAppFactory app) : IClassFixture<PrerenderAppFactory>
{
    [Fact]
    public async Task A_prerender_only_request_of_the_live_pages_reads_no_data_and_subscribes_to_nothing()
    {
        await app.CreateUserAsync(Roles.Dispatcher, "prerender-dispatcher@example.ru");
        var order = await app.AddOrderAsync("Клиент Пререндера");
        var client = await SignInForm.SignedInClientAsync(app, "prerender-dispatcher@example.ru");
        app.LiveEvents.Clear();
        using var queries = app.NewQueryLog();

        foreach (var url in new[] { "/dispatcher/board", "/dispatcher/orders", $"/orders/{order.Id}", "/dispatcher/analytics",
                     "/dispatcher/inbox", "/dispatcher/applications" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(queries.Commands);
        Assert.Empty(app.LiveEvents.Subscribed);
        Assert.Equal(0, app.LiveEvents.Hub.SubscriptionCount);
        await AssertTheQueryLogListensAsync(queries);
    }

    [Fact]
    public async Task A_prerender_only_request_of_the_field_and_anonymous_pages_reads_no_data_and_subscribes_to_nothing()
    {
        await app.CreateUserAsync(Roles.Executor, "prerender-fitter@example.ru", skills: 1);
        var order = await app.AddOrderAsync("Клиент Мастера");
        var client = await SignInForm.SignedInClientAsync(app, "prerender-fitter@example.ru");
        app.LiveEvents.Clear();
        using var queries = app.NewQueryLog();

        foreach (var url in new[] { "/executor/orders", $"/executor/orders/{order.Id}", "/account/profile" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await SignInForm.NewClient(app).GetAsync("/s/some-token-0123456789ab")).StatusCode);
        Assert.Empty(queries.Commands);
        Assert.Empty(app.LiveEvents.Subscribed);
        await AssertTheQueryLogListensAsync(queries);
    }

    // The positive control: a request that does read the database shows up in the same log, so its emptiness above means something.
    private async Task AssertTheQueryLogListensAsync(QueryLog queries)
    {
        await SignInForm.PostAsync(SignInForm.NewClient(app), "prerender-nobody@example.ru", "Wrong-password-1");
        Assert.NotEmpty(queries.Commands);
    }
}
