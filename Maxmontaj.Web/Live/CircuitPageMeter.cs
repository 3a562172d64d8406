using Maxmontaj.Core.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Maxmontaj.Web.Live;

/// <summary>
/// Counts open circuits by the kind of page they show (<see cref="LiveMetrics.Circuits"/>, tag <c>page</c>), following
/// navigation inside the circuit, so that memory and push figures can be read per page kind.
/// </summary>
internal sealed class CircuitPageMeter(NavigationManager navigation) : CircuitHandler, IDisposable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> OpenByPage = new();
    private readonly Lock _gate = new();
    private string? _page;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        string uri;
        try
        {
            uri = navigation.Uri;
        }
        catch (InvalidOperationException)
        {
            uri = "";
        }

        Show(KindOf(uri));
        navigation.LocationChanged += OnLocationChanged;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The page kind of an address: board, orders, order, jobs, chat, analytics, customer, status-link or other.</summary>
    public static string KindOf(string uri)
    {
        var path = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.AbsolutePath : uri;
        return path.ToLowerInvariant() switch
        {
            "/dispatcher/board" => "board",
            "/dispatcher/orders" or "/admin/orders" => "orders",
            "/dispatcher/inbox" => "chat",
            "/dispatcher/analytics" or "/admin/analytics" => "analytics",
            var p when p.StartsWith("/orders/", StringComparison.Ordinal) => "order",
            var p when p.StartsWith("/executor", StringComparison.Ordinal) || p.StartsWith("/specialist", StringComparison.Ordinal) => "jobs",
            var p when p.StartsWith("/customer", StringComparison.Ordinal) => "customer",
            var p when p.StartsWith("/s/", StringComparison.Ordinal) => "status-link",
            _ => "other",
        };
    }

    /// <summary>Open circuits by page kind in this process, as the meter counts them.</summary>
    public static IReadOnlyDictionary<string, long> Open => OpenByPage.Where(p => p.Value > 0).ToDictionary();

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => Show(KindOf(e.Location));

    private void Show(string? page)
    {
        lock (_gate)
        {
            if (_page == page)
            {
                return;
            }

            if (_page is not null)
            {
                LiveMetrics.Circuits.Add(-1, new KeyValuePair<string, object?>("page", _page));
                OpenByPage.AddOrUpdate(_page, 0, (_, n) => n - 1);
            }

            _page = page;
            if (page is not null)
            {
                LiveMetrics.Circuits.Add(1, new KeyValuePair<string, object?>("page", page));
                OpenByPage.AddOrUpdate(page, 1, (_, n) => n + 1);
            }
        }
    }

    public void Dispose()
    {
        navigation.LocationChanged -= OnLocationChanged;
        Show(null);
    }
}
