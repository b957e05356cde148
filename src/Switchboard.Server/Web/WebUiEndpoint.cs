namespace Switchboard.Server.Web;

/// <summary>
/// Endpoint metadata on everything the web application maps (pages, its circuit hub, static files, logout,
/// <c>/files/{id}</c>): these authorise through the session cookie and the page services, not through API permissions,
/// so checks that walk the API's endpoints can tell them apart.
/// </summary>
internal sealed class WebUiEndpoint
{
    public static WebUiEndpoint Instance { get; } = new();

    private WebUiEndpoint()
    {
    }
}
