using System.Text.Json;
using Switchboard.Gateway.Auth;

namespace Switchboard.Server.LocalModels;

/// <summary>
/// <c>GET /api/v1/admin/local-models</c>: the models each in-process provider has loaded, with their
/// slots, busy and queued sequences and when they were last used (admin keys).
/// </summary>
internal static class LocalModelsEndpoint
{
    public static async Task HandleAsync(HttpContext context, LocalModelHost host, IApiKeyAuthenticator authenticator)
    {
        var caller = BearerToken.TryRead(context.Request.Headers.Authorization, out var key) ? authenticator.Authenticate(key, out _) : null;
        if (caller is not { IsAdmin: true })
        {
            await Results.Problem(statusCode: caller is null ? 401 : 403, title: "An admin API key is required.").ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartArray("providers");
        foreach (var (name, manager) in host.Managers)
        {
            json.WriteStartObject();
            json.WriteString("provider", name);
            json.WriteStartArray("loaded");
            foreach (var model in manager.Loaded)
            {
                json.WriteStartObject();
                json.WriteString("path", model.Path);
                json.WriteNumber("size_bytes", model.SizeBytes);
                json.WriteNumber("slots", model.Slots);
                json.WriteNumber("busy", model.Busy);
                json.WriteNumber("queued", model.Queued);
                json.WriteString("last_used", model.LastUsed);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
