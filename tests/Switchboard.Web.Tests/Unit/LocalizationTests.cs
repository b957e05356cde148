using System.Reflection;
using Switchboard.Server.Web.Localization;

namespace Switchboard.Web.Tests.Unit;

public sealed class LocalizationTests
{
    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru")]
    [InlineData("en-US,en;q=0.9,ru;q=0.8", "en")]
    [InlineData("de-DE,de;q=0.9,ru;q=0.5,en;q=0.4", "ru")]
    [InlineData("en;q=0.2, ru;q=0.8", "ru")]
    [InlineData("ru;q=0, en", "en")]
    [InlineData("fr-FR", null)]
    [InlineData("", null)]
    public void FromAcceptLanguage_PicksTheFirstPreferredOfRussianAndEnglish(string header, string? expected) =>
        Assert.Equal(expected, UiLanguages.FromAcceptLanguage(header));

    [Fact]
    public void Tables_TranslateTheSameStates()
    {
        foreach (var property in typeof(UiStrings).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.PropertyType == typeof(IReadOnlyDictionary<string, string>)))
        {
            var english = (IReadOnlyDictionary<string, string>)property.GetValue(UiStrings.English)!;
            var russian = (IReadOnlyDictionary<string, string>)property.GetValue(UiStrings.Russian)!;
            Assert.Equal(english.Keys.Order(), russian.Keys.Order());
        }
    }

    [Fact]
    public void Tables_AreDifferentLanguages_AndEveryTextIsFilled()
    {
        var texts = typeof(UiStrings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string)).ToList();
        Assert.All(texts, p => Assert.False(string.IsNullOrWhiteSpace((string)p.GetValue(UiStrings.Russian)!), p.Name));
        Assert.All(texts, p => Assert.False(string.IsNullOrWhiteSpace((string)p.GetValue(UiStrings.English)!), p.Name));
        Assert.Equal("Войти", UiStrings.Russian.LogIn);
        Assert.Equal("Удалить «Отчёт» со всеми сообщениями?", UiStrings.Russian.DeleteConversationQuestion("Отчёт"));
        Assert.Same(UiStrings.English, UiStrings.For("de"));
    }
}
