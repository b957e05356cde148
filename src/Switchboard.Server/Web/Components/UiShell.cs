namespace Switchboard.Server.Web.Components;

/// <summary>
/// The page-wide preferences and their switches: the language (switched live, remembered in a cookie) and the dark
/// theme. Cascaded from <c>Routes</c>; one per page.
/// </summary>
internal sealed class UiShell(string language, bool dark, Func<string, Task> setLanguage, Func<bool, Task> setDark)
{
    public string Language { get; set; } = language;

    public bool Dark { get; set; } = dark;

    public Task SetLanguageAsync(string language) => setLanguage(language);

    public Task SetDarkAsync(bool dark) => setDark(dark);
}
