using Switchboard.Server.Web.Auth;
using Switchboard.Server.Web.Localization;

namespace Switchboard.Server.Web.Components.Layout;

/// <summary>An admin page's link: where, its icon, its title in the current language, and who sees it.</summary>
internal sealed record AdminPage(string Href, string Icon, Func<UiStrings, string> Title, WebPermission Permission);
