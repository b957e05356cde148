using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Providers;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// What providers offer besides completions: <c>POST /api/v1/tokenize</c> counts a text's tokens with the
/// model's own tokenizer (for any caller allowed to use the alias), and <c>GET /api/v1/admin/providers/{name}/models</c>
/// lists what a provider serves. The host authenticates and authorizes the caller. Errors in OpenAI's shape, each naming
/// its problem.
/// </summary>
internal sealed class ProviderToolsEndpoints(GatewayConfigProvider config, ProviderAdapters providers)
{
    public async Task TokenizeAsync(HttpContext context)
    {
        if (GatewayAuthMiddleware.TryGetCaller(context) is not { } caller)
        {
            await OpenAiError.Unauthorized("A valid API key is required.").WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        string? alias = null, text = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            alias = body.RootElement.TryGetProperty("model", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            text = body.RootElement.TryGetProperty("input", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
        }
        catch (JsonException)
        {
            // Reported below as the missing fields.
        }

        if (alias is null || text is null)
        {
            await OpenAiError.BadRequest("The body must be a JSON object with string fields 'model' and 'input'.", alias is null ? "model" : "input")
                .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var snapshot = config.Current;
        if (!snapshot.Routes.TryGetValue(alias, out var route))
        {
            await OpenAiError.ModelNotFound(alias).WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (!caller.MayUse(alias))
        {
            await OpenAiError.ModelNotAllowed(alias).WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        foreach (var deployment in route.Deployments)
        {
            if (providers.For(deployment.Provider) is ITokenCounter counter)
            {
                int tokens;
                try
                {
                    tokens = await counter.CountTokensAsync(deployment, text, context.RequestAborted).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is ProviderException or HttpRequestException or JsonException)
                {
                    await OpenAiError.Unavailable(StatusCodes.Status502BadGateway, $"Counting tokens with {deployment.Name} failed: {ex.Message}")
                        .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
                    return;
                }

                await WriteAsync(context, json =>
                {
                    json.WriteString("model", alias);
                    json.WriteString("deployment", deployment.Name);
                    json.WriteNumber("tokens", tokens);
                }).ConfigureAwait(false);
                return;
            }
        }

        await OpenAiError.BadRequest($"Model '{alias}' has no deployment whose provider counts tokens (YandexGPT and GigaChat do).", "model", "tokenize_unsupported")
            .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ListModelsAsync(HttpContext context, string name)
    {
        if (GatewayAuthMiddleware.TryGetCaller(context) is null)
        {
            // Fails closed when the host did not authenticate the request.
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication is required.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (!config.Current.Providers.TryGetValue(name, out var provider))
        {
            await Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No provider is named '{name}'.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (providers.For(provider) is not IModelLister lister)
        {
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"Provider '{name}' ({provider.Type}) cannot list its models here (GigaChat can).")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        IReadOnlyList<string> models;
        try
        {
            models = await lister.ListModelsAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProviderException or HttpRequestException or JsonException)
        {
            await Results.Problem(statusCode: StatusCodes.Status502BadGateway, title: $"Provider '{name}' did not list its models: {ex.Message}")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, json =>
        {
            json.WriteString("provider", name);
            json.WriteStartArray("models");
            foreach (var model in models)
            {
                json.WriteStringValue(model);
            }

            json.WriteEndArray();
        }).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiError.WriterOptions))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
