using MudBlazor;

namespace Maxmontaj.Web.Components.Layout;

public static class MaxmontajTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", Secondary = "#00897b", AppbarBackground = "#1565c0" },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", Secondary = "#4db6ac" },
    };
}
