using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Aggregation;

/// <summary>One model's whole answer to a request the gateway made on a caller's behalf.</summary>
/// <param name="Model">Who was asked: the alias, or for one deployment its name.</param>
/// <param name="Deployment">The deployment that answered (or the last one tried).</param>
/// <param name="Status">HTTP status of the answer.</param>
/// <param name="Body">The response body: a chat completion, or an error in OpenAI's shape.</param>
/// <param name="Usage">Tokens of the call.</param>
/// <param name="Elapsed">Time the call took.</param>
/// <param name="Attempts">Upstream attempts the call made.</param>
/// <param name="UpstreamTicks">Stopwatch ticks spent waiting on upstreams.</param>
internal sealed record CapturedAnswer(string Model, string? Deployment, int Status, JsonObject? Body, UsageReport Usage, TimeSpan Elapsed,
    int Attempts = 0, long UpstreamTicks = 0)
{
    /// <summary>The price of the deployment that answered (or was tried last); null when it has none.</summary>
    public PriceConfig? Price { get; init; }

    public bool Succeeded => Status is >= 200 and < 300 && Body?["choices"] is JsonArray { Count: > 0 };

    /// <summary>The first choice's message, or null when the call failed.</summary>
    public JsonObject? Message => Succeeded ? Body!["choices"]![0]!["message"] as JsonObject : null;

    public string? FinishReason => Succeeded ? Body!["choices"]![0]!["finish_reason"]?.GetValue<string>() : null;

    /// <summary>The text of the first choice ("" for a tool call without text); null when the call failed.</summary>
    public string? Content => Message is { } message ? message["content"]?.GetValue<string>() ?? "" : null;

    /// <summary>What went wrong, from the error body, for a failed call.</summary>
    public string? Error => Succeeded ? null : Body?["error"]?["message"]?.GetValue<string>() ?? $"HTTP {Status}";
}

/// <summary>
/// Runs a non-streamed chat completion through the ordinary relay (selection, rules, the caller's
/// preference, failover, health) and captures the answer instead of sending it to a client: the
/// building block of consensus, compare and the LLM classifier. Thread-safe.
/// </summary>
internal sealed class CapturingRelay(OpenAiRelay relay)
{
    /// <summary>
    /// Sends <paramref name="request"/> (a chat completion body; its <c>model</c> and <c>stream</c> are
    /// set here) to <paramref name="route"/> and returns the whole answer. Calls may run in parallel: the
    /// caller adds each answer's cost to its request with <see cref="Account"/>.
    /// </summary>
    public async Task<CapturedAnswer> CompleteAsync(RequestOutcome parent, string label, ModelRoute route, GatewayOptions options, JsonObject request,
        RoutePreference preference, CancellationToken cancellationToken)
    {
        request["model"] = route.Alias;
        request["stream"] = false;
        request.Remove("stream_options");
        var bytes = System.Text.Encoding.UTF8.GetBytes(request.ToJsonString());
        var started = Stopwatch.GetTimestamp();
        var outcome = new RequestOutcome(parent.RequestId, parent.Operation, started) { Alias = route.Alias, KeyId = parent.KeyId };
        if (RequestInspector.Inspect(bytes, UpstreamOperation.ChatCompletions, out var inspected) is { } invalid)
        {
            return new CapturedAnswer(label, null, invalid.Status, new JsonObject { ["error"] = new JsonObject { ["message"] = invalid.Message } },
                outcome.Usage, TimeSpan.Zero);
        }

        using var body = new PooledBuffer(bytes.Length);
        body.Write(bytes);
        using var captured = new MemoryStream();
        var context = new DefaultHttpContext { RequestAborted = cancellationToken };
        context.Response.Body = captured;
        await relay.RelayAsync(context, outcome, route, options, UpstreamOperation.ChatCompletions, body, inspected, preference).ConfigureAwait(false);
        await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);

        JsonObject? json = null;
        try
        {
            json = captured.Length > 0 ? JsonNode.Parse(captured.ToArray()) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: reported below as a failed call with its status.
        }

        var status = context.Response.StatusCode;
        return new CapturedAnswer(label, outcome.Deployment, status, json, outcome.Usage, Stopwatch.GetElapsedTime(started), outcome.Attempts,
            outcome.UpstreamTicks) { Price = outcome.Price };
    }

    /// <summary>Adds a captured call's attempts, upstream time and tokens to the request it served, and charges it at its deployment's price.</summary>
    public static void Account(RequestOutcome request, CapturedAnswer answer)
    {
        Charge(request, answer);
        request.Usage.Add(answer.Usage);
    }

    /// <summary>
    /// Adds a captured call's attempts and upstream time to the request and charges it at its deployment's price, without
    /// adding its tokens to the request's own usage (the classifier's: the request's usage is the answering model's).
    /// </summary>
    public static void Charge(RequestOutcome request, CapturedAnswer answer)
    {
        request.Attempts += answer.Attempts;
        request.UpstreamTicks += answer.UpstreamTicks;
        (request.Charges ??= []).Add(new Accounting.UsageCharge(answer.Price, answer.Usage));
    }
}
