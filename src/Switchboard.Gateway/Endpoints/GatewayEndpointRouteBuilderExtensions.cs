using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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
    /// Handlers are plain request delegates: the hot path skips parameter binding. The <c>/api/v1</c> endpoints
    /// mapped here expect the host to authenticate and authorize them (they read the caller the host stored with
    /// <see cref="GatewayAuthMiddleware.SetCaller"/> and refuse requests without one).
    /// </summary>
    public static GatewayEndpoints MapOpenAiEndpoints(this WebApplication app)
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
        v1.Map("/{**path}", UnmatchedAsync);

        var admin = app.Services.GetRequiredService<AdminDeploymentsEndpoint>();
        var deployments = app.MapGet("/api/v1/admin/deployments", admin.HandleAsync);
        var tools = app.Services.GetRequiredService<ProviderToolsEndpoints>();
        var tokenize = app.MapPost("/api/v1/tokenize", tools.TokenizeAsync);
        var providerModels = app.MapGet("/api/v1/admin/providers/{name}/models", ctx => tools.ListModelsAsync(ctx, (string)ctx.Request.RouteValues["name"]!));
        return new GatewayEndpoints(v1, tokenize, deployments, providerModels);
    }

    /// <summary>A known path with the wrong method is 405 (with <c>Allow</c>); anything else under <c>/v1</c> is 404.</summary>
    private static Task UnmatchedAsync(HttpContext context)
    {
        var path = context.Request.Path;
        string? allowed = path.Value switch
        {
            "/v1/chat/completions" or "/v1/completions" or "/v1/embeddings" => HttpMethods.Post,
            _ when path.StartsWithSegments("/v1/models") => HttpMethods.Get,
            _ => null,
        };
        if (allowed is null)
        {
            return OpenAiError.NotFound(path).WriteAsync(context.Response, context.RequestAborted);
        }

        context.Response.Headers.Allow = allowed;
        return OpenAiError.MethodNotAllowed(context.Request.Method, path, allowed).WriteAsync(context.Response, context.RequestAborted);
    }
}
