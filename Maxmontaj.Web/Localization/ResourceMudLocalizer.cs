using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Maxmontaj.Web.Localization;

/// <summary>MudBlazor's own strings (pager, grid menus) from our resources under "Mud.KEY", falling back to MudBlazor's English.</summary>
internal sealed class ResourceMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var text = localizer[$"Mud.{key}"];
            return text.ResourceNotFound ? new LocalizedString(key, key, resourceNotFound: true) : new LocalizedString(key, text.Value);
        }
    }
}
