using Microsoft.Net.Http.Headers;

namespace Switchboard.Server.Web.Localization;

/// <summary>
/// Chooses a page's language: <c>?lang=</c> (remembered in a cookie), else the cookie, else the browser's
/// <c>Accept-Language</c> (the first of Russian or English by preference), else English.
/// </summary>
internal static class UiLanguages
{
    public const string Russian = "ru";
    public const string English = "en";
    public const string LanguageCookie = "sb_lang";
    public const string ThemeCookie = "sb_theme";

    public static string Resolve(HttpContext context)
    {
        if (Known(context.Request.Query["lang"].ToString()) is { } chosen)
        {
            context.Response.Cookies.Append(LanguageCookie, chosen, new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                IsEssential = true,
            });
            return chosen;
        }

        return Known(context.Request.Cookies[LanguageCookie]) ?? FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString()) ?? English;
    }

    /// <summary>The first of Russian or English in an <c>Accept-Language</c> header, by quality then order; null when neither is there.</summary>
    public static string? FromAcceptLanguage(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !StringWithQualityHeaderValue.TryParseList([header], out var values))
        {
            return null;
        }

        return values.Select((v, i) => (Language: Known(v.Value.Value?.Split('-')[0]), Quality: v.Quality ?? 1, Order: i))
            .Where(v => v.Language is not null && v.Quality > 0)
            .OrderByDescending(v => v.Quality).ThenBy(v => v.Order)
            .Select(v => v.Language).FirstOrDefault();
    }

    private static string? Known(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        Russian => Russian,
        English => English,
        _ => null,
    };
}
