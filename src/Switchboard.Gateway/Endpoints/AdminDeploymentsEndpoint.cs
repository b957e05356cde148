using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/v1/admin/deployments</c>: every alias's deployments with their live state — health,
/// requests in flight, queue, latency averages. Admin keys only; errors as RFC 7807 problem details.
/// </summary>
internal sealed class AdminDeploymentsEndpoint(GatewayConfigProvider config, IApiKeyAuthenticator authenticator)
{
    public async Task HandleAsync(HttpContext context)
    {
        var caller = BearerToken.TryRead(context.Request.Headers.Authorization, out var key) ? authenticator.Authenticate(key, out _) : null;
        if (caller is null || !caller.IsAdmin)
        {
            await Results.Problem(
                    statusCode: caller is null ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden,
                    title: caller is null ? "An admin API key is required." : "This API key is not an admin key.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var snapshot = config.Current;
        var health = snapshot.Options.Health;
        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiError.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("aliases"u8);
            foreach (var route in snapshot.RoutesInOrder)
            {
                json.WriteStartObject();
                json.WriteString("alias"u8, route.Alias);
                json.WriteString("policy"u8, route.Policy.Name);
                json.WriteStartArray("deployments"u8);
                foreach (var d in route.Deployments)
                {
                    json.WriteStartObject();
                    json.WriteString("name"u8, d.Name);
                    json.WriteString("provider"u8, d.Provider.Name);
                    json.WriteBoolean("local"u8, d.IsLocal);
                    json.WriteString("health"u8, d.State.Health.GetState(health).ToString().ToLowerInvariant());
                    json.WriteNumber("inFlight"u8, d.State.InFlight);
                    json.WriteNumber("queueLength"u8, d.State.Gate.QueueLength);
                    WriteMilliseconds(json, "latencyMs"u8, d.State.LatencyMs);
                    WriteMilliseconds(json, "timeToFirstTokenMs"u8, d.State.TimeToFirstTokenMs);
                    json.WriteStartArray("tags"u8);
                    foreach (var tag in d.Tags)
                    {
                        json.WriteStringValue(tag);
                    }

                    json.WriteEndArray();
                    if (d.Provider.UnusableReason is { } reason)
                    {
                        json.WriteString("unusable"u8, reason);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteMilliseconds(Utf8JsonWriter json, ReadOnlySpan<byte> name, double value)
    {
        if (double.IsNaN(value))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, Math.Round(value, 3));
        }
    }
}
