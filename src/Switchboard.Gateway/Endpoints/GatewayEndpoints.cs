using Microsoft.AspNetCore.Builder;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// The endpoints <see cref="GatewayEndpointRouteBuilderExtensions.MapOpenAiEndpoints"/> mapped, so the host can attach
/// its own conventions (the permission each one needs) without the gateway knowing the host's roles.
/// </summary>
/// <param name="OpenAi">The <c>/v1</c> group (authenticated by the gateway's own API-key middleware).</param>
/// <param name="Tokenize"><c>POST /api/v1/tokenize</c>.</param>
/// <param name="Deployments"><c>GET /api/v1/admin/deployments</c>.</param>
/// <param name="ProviderModels"><c>GET /api/v1/admin/providers/{name}/models</c>.</param>
public sealed record GatewayEndpoints(
    IEndpointConventionBuilder OpenAi,
    IEndpointConventionBuilder Tokenize,
    IEndpointConventionBuilder Deployments,
    IEndpointConventionBuilder ProviderModels);
