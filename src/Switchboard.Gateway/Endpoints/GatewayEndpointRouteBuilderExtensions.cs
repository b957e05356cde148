using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Endpoints;

/// <summary>Maps the OpenAI-compatible API under <c>/v1</c>.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Adds the request/auth middleware for <c>/v1</c> to <paramref name="app"/> and maps the endpoints.
    /// Handlers are plain request delegates: the hot path skips parameter binding.
    /// </summary>
    public static WebApplication MapOpenAiEndpoints(this WebApplication app)
    {
        app.UseWhen(static ctx => ctx.Request.Path.StartsWithSegments("/v1"), static branch =>
        {
            branch.UseMiddleware<GatewayRequestMiddleware>();
            branch.UseMiddleware<GatewayAuthMiddleware>();
        });

        var relay = app.Services.GetRequiredService<RelayEndpointHandler>();
        var models = app.Services.GetRequiredService<ModelsEndpointHandler>();
        var v1 = app.MapGroup("/v1");
        v1.MapPost("/chat/completions", ctx => relay.HandleAsync(ctx, UpstreamOperation.ChatCompletions));
        v1.MapPost("/completions", ctx => relay.HandleAsync(ctx, UpstreamOperation.Completions));
        v1.MapPost("/embeddings", ctx => relay.HandleAsync(ctx, UpstreamOperation.Embeddings));
        v1.MapGet("/models", models.ListAsync);
        v1.MapGet("/models/{**id}", ctx => models.GetAsync(ctx, (string)ctx.Request.RouteValues["id"]!));
        v1.Map("/{**path}", ctx => OpenAiError.NotFound(ctx.Request.Path).WriteAsync(ctx.Response, ctx.RequestAborted));
        return app;
    }
}
