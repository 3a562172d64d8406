using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using Maxmontaj.Core.Common;
using Maxmontaj.Core.Orders;
using Maxmontaj.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Maxmontaj.Web.Live;

/// <summary>
/// A board card's inside as one piece of HTML, made once per card version and language and shared by every open board
/// (ADR 0026): a circuit holds one markup frame per card instead of a dozen MudBlazor components. Every value from the
/// order is HTML-encoded here; the text is the one the MudBlazor card showed (MudBlazor's own classes).
/// The time-dependent part (overdue) stays in the component, so a cached card never goes stale.
/// </summary>
public sealed class BoardCardMarkup(IStringLocalizer<SharedResource> text, CompanyCalendar calendar)
{
    private readonly ConditionalWeakTable<OrderListItem, ConcurrentDictionary<string, MarkupString>> _cards = new();

    /// <summary>The card's inside in the current UI language; the same string for the same card on every circuit.</summary>
    public MarkupString Of(OrderListItem card) =>
        _cards.GetOrCreateValue(card).GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => new MarkupString(Build(card)));

    private string Build(OrderListItem card)
    {
        var html = HtmlEncoder.Default;
        var builder = new StringBuilder(640);
        builder.Append("<div class=\"d-flex align-center\"><a href=\"/orders/").Append(card.Id)
            .Append("\" class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover mud-typography-subtitle2\">")
            .Append(html.Encode(card.Number)).Append("</a><div class=\"flex-grow-1\"></div>");
        if (card.Priority == OrderPriority.Urgent)
        {
            builder.Append("<svg class=\"mud-icon-root mud-svg-icon mud-error-text mud-icon-size-small\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\"><title>")
                .Append(html.Encode(text["OrderPriority.Urgent"])).Append("</title>").Append(Icons.Material.Filled.PriorityHigh).Append("</svg>");
        }

        builder.Append("</div><p class=\"mud-typography mud-typography-body2\">").Append(html.Encode(card.CustomerName)).Append("</p>");
        Caption(builder, html.Encode(card.WorkType));
        Caption(builder, card.ScheduledStart is { } start
            ? html.Encode(calendar.ToLocal(start).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture)
                + (card.ScheduledEnd is { } end ? "–" + calendar.ToLocal(end).ToString("HH:mm", CultureInfo.InvariantCulture) : ""))
            : "<span class=\"mud-text-secondary\">" + html.Encode(text["Orders.NotScheduled"]) + "</span>");
        Caption(builder, html.Encode(card.LeadName ?? text["Orders.NobodyAssigned"]));
        if (card.Declined)
        {
            builder.Append("<span class=\"mud-typography mud-typography-caption mud-error-text d-block\">")
                .Append(html.Encode(text["Board.Declined"])).Append("</span>");
        }

        return builder.ToString();
    }

    private static void Caption(StringBuilder builder, string encoded) =>
        builder.Append("<span class=\"mud-typography mud-typography-caption d-block\">").Append(encoded).Append("</span>");
}
