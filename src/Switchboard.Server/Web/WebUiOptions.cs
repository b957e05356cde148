namespace Switchboard.Server.Web;

/// <summary>How the web application behaves (docs/web.md). Read once per use; tests shorten the intervals.</summary>
internal sealed class WebUiOptions
{
    /// <summary>Shows the single-sign-on button on the login page, a link to <c>/api/v1/auth/oidc/start</c>.</summary>
    /// Set from the control plane's OIDC options when the server starts.
    public bool OidcEnabled { get; set; }

    /// <summary>How long a login lasts, from the moment it happened (not sliding).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How often an open page re-checks its session (expired, logged out elsewhere, user disabled or role changed).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest file a browser may upload; the knowledge base's own limit (<c>knowledge.maxFileBytes</c>) applies as well.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>Longest gap between two screen updates of a streamed answer; tokens arriving faster are batched.</summary>
    public TimeSpan StreamRenderInterval { get; set; } = TimeSpan.FromMilliseconds(50);
}
