using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Endpoints;

/// <summary><c>GET /v1/models</c> and <c>GET /v1/models/{id}</c>: the aliases the caller's key may use.</summary>
internal sealed class ModelsEndpointHandler(GatewayConfigProvider config, VirtualModels virtualModels)
{
    public Task ListAsync(HttpContext context)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var snapshot = config.Current;
        context.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("object"u8, "list"u8);
            writer.WriteStartArray("data"u8);
            foreach (var route in snapshot.RoutesInOrder)
            {
                if (caller.MayUse(route.Alias))
                {
                    WriteModel(writer, route.Alias, snapshot);
                }
            }

            foreach (var model in virtualModels.List(caller))
            {
                WriteModel(writer, model, snapshot);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return context.Response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    public Task GetAsync(HttpContext context, string id)
    {
        var caller = GatewayAuthMiddleware.GetCaller(context);
        var snapshot = config.Current;
        var outcome = GatewayRequestMiddleware.GetOutcome(context);
        outcome.Alias = id;
        if (!snapshot.Routes.TryGetValue(id, out var route))
        {
            if (virtualModels.For(id) is { } handler && handler.List(caller).Contains(id))
            {
                context.Response.ContentType = "application/json";
                using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
                {
                    WriteModel(writer, id, snapshot);
                }

                return context.Response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
            }

            return OpenAiError.ModelNotFound(id).WriteAsync(context.Response, context.RequestAborted);
        }

        if (!caller.MayUse(id))
        {
            return OpenAiError.ModelNotAllowed(id).WriteAsync(context.Response, context.RequestAborted);
        }

        context.Response.ContentType = "application/json";
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            WriteModel(writer, route.Alias, snapshot);
        }

        return context.Response.BodyWriter.FlushAsync(context.RequestAborted).AsTask();
    }

    private static void WriteModel(Utf8JsonWriter writer, string id, GatewaySnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, id);
        writer.WriteString("object"u8, "model"u8);
        writer.WriteNumber("created"u8, snapshot.LoadedAt.ToUnixTimeSeconds());
        writer.WriteString("owned_by"u8, "switchboard"u8);
        writer.WriteEndObject();
    }
}
