using Switchboard.Server.ControlPlane.Oidc;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.Hosting;

/// <summary>How <c>switchboard serve</c> runs: where it listens and where its config and data live.</summary>
internal sealed record ServeOptions
{
    public const int DefaultPort = 8080;

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    public string Host { get; init; } = "127.0.0.1";

    public required string ConfigPath { get; init; }

    public required string DataDirectory { get; init; }

    /// <summary>The control-plane database (tenants, users, tokens, audit): SQLite in the data directory unless set.</summary>
    public ControlPlaneProvider DatabaseProvider { get; init; } = ControlPlaneProvider.Sqlite;

    /// <summary>Connection string for <see cref="DatabaseProvider"/>; required for PostgreSQL, optional for SQLite.</summary>
    public string? DatabaseConnection { get; init; }

    /// <summary>Base64 HMAC key for access tokens; null generates one into the data directory.</summary>
    public string? JwtSigningKey { get; init; }

    /// <summary>Sign-in through an OpenID Connect provider (off unless its issuer is set).</summary>
    public OidcOptions Oidc { get; init; } = new();

    /// <summary>How long a shutdown waits for in-flight requests (streams included) to finish.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>text</c> (one line per event) or <c>json</c> (one JSON object per line).</summary>
    public string LogFormat { get; init; } = "text";
}
