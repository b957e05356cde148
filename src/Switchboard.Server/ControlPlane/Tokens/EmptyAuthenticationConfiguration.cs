using Microsoft.AspNetCore.Authentication;

namespace Switchboard.Server.ControlPlane.Tokens;

/// <summary>
/// The JWT bearer scheme reads defaults from an <c>Authentication</c> configuration section through this
/// service, which only <c>AddAuthentication</c> registers. Switchboard configures the scheme in code
/// (<see cref="JwtBearerOptionsSetup"/>), so the section is empty.
/// </summary>
internal sealed class EmptyAuthenticationConfiguration : IAuthenticationConfigurationProvider
{
    public IConfiguration AuthenticationConfiguration { get; } = new ConfigurationBuilder().Build();
}
