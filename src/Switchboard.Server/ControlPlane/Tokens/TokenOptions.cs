namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>How access and refresh tokens are issued.</summary>
internal sealed class TokenOptions
{
    public const string DefaultSigningKeyFile = "jwt-signing.key";

    public string Issuer { get; set; } = "switchboard";

    public string Audience { get; set; } = "switchboard";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Base64 HMAC key (at least 32 bytes). Every process of a cluster needs the same one; without it a
    /// key is generated once into <see cref="SigningKeyFile"/> under the data directory (mode 0600).
    /// </summary>
    public string? SigningKey { get; set; }

    public string SigningKeyFile { get; set; } = DefaultSigningKeyFile;

    /// <summary>Tolerated clock difference between token issuer and validator.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
