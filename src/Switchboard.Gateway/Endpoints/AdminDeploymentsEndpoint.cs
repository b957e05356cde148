using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// <c>GET /api/v1/admin/deployments</c>: every alias's deployments with their live state — health,
/// requests in flight, queue, latency averages, the failure share of the health window. The host authorizes the caller (errors as RFC 7807 problem details).
/// </summary>
internal sealed class AdminDeploymentsEndpoint(GatewayConfigProvider config)
{
    public async Task HandleAsync(HttpContext context)
    {
        if (GatewayAuthMiddleware.TryGetCaller(context) is null)
        {
            // Fails closed when the host did not authenticate the request.
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication is required.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiError.WriterOptions))
        {
            json.WriteStartObject();
            WriteAliases(json, config.Current);
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes the <c>aliases</c> array (each alias's deployments and their live state); <c>/api/v1/admin/system</c> reuses it.</summary>
    public static void WriteAliases(Utf8JsonWriter json, GatewaySnapshot snapshot)
    {
        var health = snapshot.Options.Health;
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
                if (d.State.Health.FailureRate(health) is { } failureRate)
                {
                    json.WriteNumber("errorRate"u8, Math.Round(failureRate, 4));
                }
                else
                {
                    json.WriteNull("errorRate"u8);
                }

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
