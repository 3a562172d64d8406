using System.Security.Claims;
using Maxmontaj.Core.Users;
using MudBlazor;

namespace Maxmontaj.Web.Components.Layout;

/// <summary>A link in the side navigation; <see cref="TitleKey"/> is a resource key.</summary>
public sealed record NavigationItem(string Href, string TitleKey, string Icon, bool ExactMatch = false, bool ShowsUnread = false);

/// <summary>Each role sees only its own sections. Every link points at a page whose policy admits that role.</summary>
public static class NavigationItems
{
    public static IReadOnlyList<NavigationItem> For(ClaimsPrincipal user)
    {
        var items = new List<NavigationItem>();
        if (user.IsInRole(Roles.Admin))
        {
            items.Add(new("/admin", "Nav.AdminHome", Icons.Material.Filled.Dashboard, ExactMatch: true));
            items.Add(new("/admin/orders", "Nav.Orders", Icons.Material.Filled.Assignment));
            items.Add(new("/admin/analytics", "Nav.Analytics", Icons.Material.Filled.Insights));
            items.Add(new("/dispatcher/board", "Nav.Board", Icons.Material.Filled.ViewKanban));
            items.Add(new("/dispatcher/inbox", "Nav.Inbox", Icons.Material.Filled.Forum, ShowsUnread: true));
            items.Add(new("/admin/users", "Nav.Users", Icons.Material.Filled.People));
            items.Add(new("/admin/work-types", "Nav.WorkTypes", Icons.Material.Filled.Category));
            items.Add(new("/admin/checklists", "Nav.Checklists", Icons.Material.Filled.Checklist));
            items.Add(new("/admin/notifications", "Nav.Notifications", Icons.Material.Filled.NotificationsActive));
            items.Add(new("/admin/audit", "Nav.Audit", Icons.Material.Filled.ManageSearch));
            items.Add(new("/dispatcher", "Nav.DispatcherHome", Icons.Material.Filled.SupportAgent, ExactMatch: true));
        }
        else if (user.IsInRole(Roles.Dispatcher))
        {
            items.Add(new("/dispatcher", "Nav.DispatcherHome", Icons.Material.Filled.SupportAgent, ExactMatch: true));
            items.Add(new("/dispatcher/board", "Nav.Board", Icons.Material.Filled.ViewKanban));
            items.Add(new("/dispatcher/orders", "Nav.Orders", Icons.Material.Filled.Assignment));
            items.Add(new("/dispatcher/analytics", "Nav.Analytics", Icons.Material.Filled.Insights));
            items.Add(new("/dispatcher/inbox", "Nav.Inbox", Icons.Material.Filled.Forum, ShowsUnread: true));
            items.Add(new("/dispatcher/applications", "Nav.Applications", Icons.Material.Filled.HowToReg));
            items.Add(new("/dispatcher/users", "Nav.Users", Icons.Material.Filled.People));
        }

        if (user.IsInRole(Roles.Specialist))
        {
            items.Add(new("/specialist", "Nav.SpecialistHome", Icons.Material.Filled.SquareFoot, ExactMatch: true));
            items.Add(new("/specialist/orders", "Nav.SpecialistOrders", Icons.Material.Filled.EventNote, ShowsUnread: true));
        }

        if (user.IsInRole(Roles.Executor))
        {
            items.Add(new("/executor", "Nav.ExecutorHome", Icons.Material.Filled.Handyman, ExactMatch: true));
            items.Add(new("/executor/orders", "Nav.ExecutorOrders", Icons.Material.Filled.EventNote, ShowsUnread: true));
        }

        if (user.IsInRole(Roles.Customer))
        {
            items.Add(new("/customer", "Nav.CustomerHome", Icons.Material.Filled.Home, ExactMatch: true));
        }

        return items;
    }
}
