using Bunit;
using Maxmontaj.Core.Live;
using Maxmontaj.Tests.Support;
using Maxmontaj.Web.Components.Layout;
using Maxmontaj.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace Maxmontaj.Tests.Components;

/// <summary>Failures outside event handlers: a live reload, and rendering inside the layout's boundary.</summary>
[Trait("Category", "Sqlite")]
public sealed class ErrorSurvivalTests : OrderComponentTestBase
{
    [Fact]
    public void A_failed_live_reload_keeps_the_data_shown_and_tells_the_user()
    {
        var screen = Render<FlakyScreen>();
        Assert.Contains("loads: 1", screen.Markup);

        Db.Get<ILiveEvents>().Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), FlakyScreen.Topic);

        Snackbars.WaitForAssertion(() => Assert.Contains("База данных временно недоступна.", Snackbars.Markup));
        Assert.Contains("loads: 1", screen.Markup);

        Db.Get<ILiveEvents>().Publish(new LiveEvent(LiveEventKind.OrderChanged, Guid.NewGuid()), FlakyScreen.Topic);
        screen.WaitForAssertion(() => Assert.Contains("loads: 3", screen.Markup));
    }

    [Fact]
    public void A_page_that_fails_to_render_shows_the_boundary_message_and_retry()
    {
        var boundary = Render<AppErrorBoundary>(p => p.AddChildContent<BrokenPage>());

        Assert.Contains("Не удалось показать эту часть страницы.", boundary.Markup);
        Assert.Equal("Повторить", boundary.Find("[data-testid=error-boundary] button").TextContent.Trim());
    }

    /// <summary>A live screen whose second load fails as a database blip does.</summary>
    private sealed class FlakyScreen : LiveComponentBase
    {
        public const string Topic = "test:flaky";
        private int _loads;
        private int _shown;

        protected override async Task OnInitializedAsync()
        {
            await ReloadAsync();
            Subscribe(Topic);
        }

        protected override Task ReloadAsync()
        {
            if (++_loads == 2)
            {
                throw new TimeoutException("database blip");
            }

            _shown = _loads;
            return Task.CompletedTask;
        }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, $"loads: {_shown}");
    }

    private sealed class BrokenPage : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("broken");
    }
}
