using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Switchboard.Server.ControlPlane.Endpoints;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>Points the JWT bearer scheme at the control plane's issuer, audience, key and clock.</summary>
internal sealed class JwtBearerOptionsSetup(AccessTokenIssuer issuer) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        // Keep "sub", "role", "name" as issued instead of mapping them to WS-* claim URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = issuer.CreateValidationParameters();
        options.Events = new JwtBearerEvents { OnChallenge = AuthProblems.WriteChallengeAsync };
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);
}
