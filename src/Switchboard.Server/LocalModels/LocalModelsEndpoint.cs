using System.Text.Json;

namespace Switchboard.Server.LocalModels;

/// <summary>
/// <c>GET /api/v1/admin/local-models</c>: the models each in-process provider has loaded, with their
/// slots, busy and queued sequences and when they were last used (permission <c>system.read</c>, checked before).
/// </summary>
internal static class LocalModelsEndpoint
{
    public static async Task HandleAsync(HttpContext context, LocalModelHost host)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        WriteProviders(json, host);
        json.WriteEndObject();
    }

    /// <summary>Writes the <c>providers</c> array; <c>/api/v1/admin/system</c> reuses it.</summary>
    public static void WriteProviders(Utf8JsonWriter json, LocalModelHost host)
    {
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
    }
}
