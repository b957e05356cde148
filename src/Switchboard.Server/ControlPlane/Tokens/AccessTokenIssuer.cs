using System.Globalization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Switchboard.Server.ControlPlane.Accounts;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// Issues and describes how to validate HS256 access tokens (claims <c>sub</c>, <c>tenant</c>, <c>role</c>,
/// <c>name</c>). Times come from the injected <see cref="TimeProvider"/>, for issuing and validating alike.
/// Singleton; thread-safe.
/// </summary>
internal sealed class AccessTokenIssuer(JwtSigningKey signingKey, IOptions<ControlPlaneOptions> options, TimeProvider time)
{
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenOptions _options = options.Value.Tokens;

    public int LifetimeSeconds => (int)_options.AccessTokenLifetime.TotalSeconds;

    public string Create(User user)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + _options.AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                [ControlPlaneClaims.Subject] = user.Id.ToString("D"),
                [ControlPlaneClaims.Tenant] = user.TenantId.ToString("D"),
                [ControlPlaneClaims.Role] = user.Role.ToString().ToLowerInvariant(),
                [ControlPlaneClaims.Name] = user.DisplayName,
                [ControlPlaneClaims.TokenId] = Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture),
            },
        });
    }

    public TokenValidationParameters CreateValidationParameters() => new()
    {
        ValidIssuer = _options.Issuer,
        ValidAudience = _options.Audience,
        IssuerSigningKey = signingKey.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        RequireExpirationTime = true,
        NameClaimType = ControlPlaneClaims.Name,
        RoleClaimType = ControlPlaneClaims.Role,
        LifetimeValidator = ValidateLifetime,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The access token has no expiry.");
        }

        if (notBefore > now + _options.ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The access token is not valid yet.") { NotBefore = notBefore.Value };
        }

        if (expires < now - _options.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The access token has expired.") { Expires = expires.Value };
        }

        return true;
    }
}
