using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Clients;

/// <summary>
/// Calls a model alias from inside the process (the knowledge base's embeddings, answers and query rewrites) through
/// the ordinary relay, so selection, failover, health, local models and native providers all apply exactly as for
/// a client of <c>/v1</c>. The caller's key rights are checked like at the front door, and so are its tokens/min
/// limits and budgets (a refusal is a <see cref="ModelCallException"/> with status 429); every call is recorded in the
/// usage ledger as <c>internal</c>. Thread-safe.
/// </summary>
internal sealed class InProcessModelClient(GatewayConfigProvider config, OpenAiRelay relay, Accounting.RequestAdmission admission,
    Accounting.RequestCompletion completion)
{
    /// <summary>Whether <paramref name="alias"/> exists in the current config.</summary>
    public bool HasAlias(string alias) => config.Current.Routes.ContainsKey(alias);

    /// <summary>The smallest context window among the alias's deployments, when they declare one.</summary>
    public int? ContextWindow(string alias) =>
        config.Current.Routes.TryGetValue(alias, out var route)
            ? route.Deployments.Select(d => d.MaxContextTokens).Where(t => t is not null).Min()
            : null;

    /// <summary>Sends a non-streamed request and returns the JSON answer; throws <see cref="ModelCallException"/> on any failure.</summary>
    public async Task<JsonObject> SendAsync(GatewayCaller caller, string alias, UpstreamOperation operation, JsonObject request,
        CancellationToken cancellationToken)
    {
        if (operation == UpstreamOperation.Embeddings)
        {
            request.Remove("stream");
        }
        else
        {
            request["stream"] = false;
        }

        using var captured = new MemoryStream();
        var status = await RelayAsync(caller, alias, operation, request, captured, cancellationToken).ConfigureAwait(false);
        var json = TryParse(captured.ToArray());
        if (status is < 200 or >= 300 || json is null)
        {
            throw Failure(alias, status, json);
        }

        return json;
    }

    /// <summary>The text of a streamed chat completion, delta by delta; failures as <see cref="StreamAsync"/>.</summary>
    public async IAsyncEnumerable<string> StreamTextAsync(GatewayCaller caller, string alias, JsonObject request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in StreamAsync(caller, alias, request, cancellationToken).ConfigureAwait(false))
        {
            if (chunk["choices"]?[0]?["delta"]?["content"]?.GetValue<string>() is { Length: > 0 } delta)
            {
                yield return delta;
            }
        }
    }

    /// <summary>
    /// Streams a chat completion and yields each SSE chunk as JSON (the usage chunk included); throws
    /// <see cref="ModelCallException"/> when the call is refused, fails before its first chunk, or is cut.
    /// </summary>
    public async IAsyncEnumerable<JsonObject> StreamAsync(GatewayCaller caller, string alias, JsonObject request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request["stream"] = true;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var pipe = new SseCapture();
        var relayed = RelayAsync(caller, alias, UpstreamOperation.ChatCompletions, request, pipe, cts.Token);
        _ = relayed.ContinueWith(_ => pipe.Complete(), TaskScheduler.Default);
        var done = false;
        try
        {
            await foreach (var data in pipe.ReadEventsAsync(cts.Token).ConfigureAwait(false))
            {
                if (data == "[DONE]")
                {
                    done = true;
                    continue;
                }

                var json = TryParse(System.Text.Encoding.UTF8.GetBytes(data));
                if (json?["error"] is JsonObject error)
                {
                    throw new ModelCallException(502, error["message"]?.GetValue<string>() ?? $"The model '{alias}' stream failed.");
                }

                if (json is not null)
                {
                    yield return json;
                }
            }

            var status = await relayed.ConfigureAwait(false);
            if (status is < 200 or >= 300)
            {
                throw Failure(alias, status, TryParse(pipe.Unframed));
            }

            if (!done)
            {
                throw new ModelCallException(502, $"The model '{alias}' stream ended without completing.");
            }
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
            await relayed.ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private async Task<int> RelayAsync(GatewayCaller caller, string alias, UpstreamOperation operation, JsonObject request, Stream output,
        CancellationToken cancellationToken)
    {
        var snapshot = config.Current;
        if (!snapshot.Routes.TryGetValue(alias, out var route))
        {
            throw new ModelCallException(404, $"The model '{alias}' does not exist.");
        }

        if (!caller.MayUse(alias))
        {
            throw new ModelCallException(403, $"This key may not use the model '{alias}'.");
        }

        if (route.Classifier is not null)
        {
            // A router alias picks its target from the front door's request; the knowledge base asks plain aliases.
            // (A strategy alias is used here in its failover order.)
            throw new ModelCallException(400, $"The model '{alias}' is a router alias; point the knowledge base at a plain alias.");
        }

        request["model"] = alias;
        var bytes = System.Text.Encoding.UTF8.GetBytes(request.ToJsonString());
        var outcome = new RequestOutcome(RequestIds.New(), OperationName(operation), Stopwatch.GetTimestamp())
        {
            Alias = alias,
            KeyId = caller.KeyId,
            Caller = caller,
            Source = "internal",
        };
        if (RequestInspector.Inspect(bytes, operation, out var inspected) is { } invalid)
        {
            throw new ModelCallException(invalid.Status, invalid.Message);
        }

        outcome.Stream = inspected.Stream;
        outcome.EstimatedPromptTokens = inspected.EstimatedPromptTokens;
        using var body = new PooledBuffer(bytes.Length);
        body.Write(bytes);
        var context = new DefaultHttpContext { RequestAborted = cancellationToken };
        context.Response.Body = output;
        var preference = RoutePreferences.Combine(caller.Route, RoutePreference.None);
        try
        {
            if (await admission.AdmitAsync(context.Response, outcome, caller, snapshot, Pricing.CostEstimate.For(snapshot, route, operation, inspected),
                    countsRequest: false, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                context.Response.StatusCode = refused.Status;
                throw new ModelCallException(refused.Status, refused.Message);
            }

            await relay.RelayAsync(context, outcome, route, snapshot.Options, operation, body, inspected, preference).ConfigureAwait(false);
            await context.Response.BodyWriter.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome.Status = StatusCodes.Status499ClientClosedRequest;
            outcome.ErrorType ??= "client_cancelled";
            throw;
        }
        finally
        {
            if (outcome.Status == 0)
            {
                outcome.Status = context.Response.StatusCode;
            }

            completion.Complete(outcome, Stopwatch.GetTimestamp());
        }

        return context.Response.StatusCode;
    }

    private static string OperationName(UpstreamOperation operation) => operation switch
    {
        UpstreamOperation.ChatCompletions => "chat",
        UpstreamOperation.Completions => "text_completion",
        _ => "embeddings",
    };

    private static ModelCallException Failure(string alias, int status, JsonObject? body) =>
        new(status is >= 200 and < 300 ? 502 : status,
            body?["error"]?["message"]?.GetValue<string>() is { } message ? $"The model '{alias}' failed: {message}" : $"The model '{alias}' failed (HTTP {status}).");

    private static JsonObject? TryParse(byte[] bytes)
    {
        try
        {
            return bytes.Length > 0 ? JsonNode.Parse(bytes) as JsonObject : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
