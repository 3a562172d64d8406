using MudBlazor;

namespace Maxmontaj.Web.Components.Layout;

/// <summary>
/// The palettes, chosen for WCAG 2.1 AA contrast (4.5:1): light status colours dark enough for white text and for text on
/// white, dark-theme status colours light enough for text on the dark surfaces, with dark text on filled chips and buttons.
/// </summary>
public static class MaxmontajTheme
{
    private const string DarkOnLight = "rgba(0,0,0,0.87)";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00796b",
            AppbarBackground = "#1565c0",
            Success = "#2e7d32",
            Warning = "#a84f00",
            Error = "#c62828",
            Info = "#01579b",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#64b5f6",
            PrimaryContrastText = DarkOnLight,
            Secondary = "#4db6ac",
            SecondaryContrastText = DarkOnLight,
            Success = "#81c784",
            SuccessContrastText = DarkOnLight,
            Warning = "#ffa726",
            WarningContrastText = DarkOnLight,
            Error = "#ff8a80",
            ErrorContrastText = DarkOnLight,
            Info = "#4fc3f7",
            InfoContrastText = DarkOnLight,
            TextSecondary = "rgba(255,255,255,0.72)",
        },
    };
}
