using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Storage;

namespace Switchboard.Server.ControlPlane;

/// <summary>Refuses, at start-up, options the control plane cannot run with, naming each problem.</summary>
internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        var problems = new List<string>();
        if (options.Storage.Provider == ControlPlaneProvider.Postgres && string.IsNullOrWhiteSpace(options.Storage.ConnectionString))
        {
            problems.Add("the PostgreSQL control-plane store needs a connection string (--db-connection or SWITCHBOARD_DB_CONNECTION)");
        }

        var tokens = options.Tokens;
        if (tokens.AccessTokenLifetime <= TimeSpan.Zero || tokens.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            problems.Add("token lifetimes must be positive");
        }

        if (tokens.SigningKey is { } key && !Tokens.JwtSigningKey.TryDecode(key, out _))
        {
            problems.Add($"the JWT signing key must be base64 of at least {Tokens.JwtSigningKey.MinimumBytes} bytes");
        }

        var hashing = options.PasswordHashing;
        if (hashing.Iterations < 1 || hashing.Parallelism < 1 || hashing.MemoryKiB < 8 * hashing.Parallelism)
        {
            problems.Add("Argon2id needs iterations >= 1, parallelism >= 1 and memory >= 8 KiB per lane");
        }

        if (options.Lockout.MaxFailedAttempts < 1 || options.Lockout.Duration <= TimeSpan.Zero)
        {
            problems.Add("lockout needs at least one attempt and a positive duration");
        }

        if (options.Audit.QueueCapacity < 1 || options.Audit.BatchSize < 1)
        {
            problems.Add("the audit queue capacity and batch size must be positive");
        }

        var oidc = options.Oidc;
        if (oidc.Enabled)
        {
            if (!Uri.TryCreate(oidc.Issuer, UriKind.Absolute, out _) || (oidc.DiscoveryUrl is { } discovery && !Uri.TryCreate(discovery, UriKind.Absolute, out _)))
            {
                problems.Add("the OIDC issuer (and discovery URL, when set) must be absolute URLs");
            }

            if (string.IsNullOrWhiteSpace(oidc.ClientId))
            {
                problems.Add("OIDC sign-in needs a client id (SWITCHBOARD_OIDC_CLIENT_ID)");
            }

            if (oidc.DefaultRole == Accounts.UserRole.Owner)
            {
                problems.Add("the OIDC default role cannot be owner; use admin, member or viewer");
            }

            if (!oidc.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
            {
                problems.Add("the OIDC scopes must include 'openid'");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
