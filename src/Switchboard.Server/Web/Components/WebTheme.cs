using MudBlazor;

namespace Switchboard.Server.Web.Components;

/// <summary>The application's MudBlazor theme: system fonts (nothing is downloaded), a calm indigo palette, light and dark.</summary>
internal static class WebTheme
{
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3f51b5",
            Secondary = "#00897b",
            AppbarBackground = "#283593",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            AppbarBackground = "#1a1c2e",
            Background = "#121320",
            Surface = "#1c1e30",
            DrawerBackground = "#17192a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
    };
}
