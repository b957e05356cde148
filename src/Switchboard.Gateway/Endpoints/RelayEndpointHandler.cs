using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Accounting;
using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Auth;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Relay;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Classification;

namespace Switchboard.Gateway.Endpoints;

/// <summary>
/// The shared handler of the relayed operations: read and check the body, resolve the alias against
/// the caller's rights, then relay. Every refusal happens before an upstream is contacted.
/// </summary>
internal sealed class RelayEndpointHandler(GatewayConfigProvider config, OpenAiRelay relay, MultiModelRelay multiModel, LlmClassifier llmClassifier,
    VirtualModels virtualModels, RequestAdmission admission)
{
    /// <summary>Names the alias a router alias picked (docs/routing.md, Classification).</summary>
    public const string RoutedToHeader = "x-switchboard-routed-to";

    /// <summary>What picked it: <c>rule</c>, <c>llm</c> or <c>default</c>.</summary>
    public const string RoutedByHeader = "x-switchboard-routed-by";

    public async Task HandleAsync(HttpContext context, UpstreamOperation operation)
    {
        var outcome = GatewayRequestMiddleware.GetOutcome(context);
        var caller = GatewayAuthMiddleware.GetCaller(context);
        // One snapshot for the whole request: a reload midway does not change its route.
        var snapshot = config.Current;
        if (!RoutePreferences.TryParse(context.Request.Headers[RoutePreferences.Header], out var requested))
        {
            await OpenAiError.BadRequest(
                    $"Header {RoutePreferences.Header} must be one of local-only, prefer-local, cheapest, fastest.", RoutePreferences.Header, "invalid_route_preference")
                .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var preference = RoutePreferences.Combine(caller.Route, requested);

        var (body, readError) = await RequestBodyReader.ReadAsync(context.Request, snapshot.Options.MaxRequestBodyBytes, context.RequestAborted)
            .ConfigureAwait(false);
        if (readError is not null)
        {
            await readError.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using (body)
        {
            outcome.RequestBytes = body!.Length;
            ModelRoute? route = null;
            var error = RequestInspector.Inspect(body.WrittenSpan, operation, out var request);
            if (error is null && !snapshot.Routes.ContainsKey(request.Model) && virtualModels.For(request.Model) is { } handler)
            {
                outcome.Alias = request.Model;
                outcome.Stream = request.Stream;
                // The front door of a virtual model counts as a request; the model calls it makes are charged on their own.
                if (await admission.AdmitAsync(context.Response, outcome, caller, snapshot, Pricing.CostEstimate.None, countsRequest: true,
                        context.RequestAborted).ConfigureAwait(false) is { } limited)
                {
                    await limited.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
                    return;
                }

                await (operation == UpstreamOperation.ChatCompletions
                    ? handler.HandleChatAsync(context, caller, request.Model, body.WrittenMemory)
                    : OpenAiError.BadRequest($"The model '{request.Model}' answers chat completions only.", "model", "unsupported_operation")
                        .WriteAsync(context.Response, context.RequestAborted)).ConfigureAwait(false);
                return;
            }

            error ??= Authorize(snapshot, caller, request.Model, out route);
            if (error is not null || route is null)
            {
                outcome.Alias ??= request.Model;
                await error!.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            outcome.Alias = request.Model;
            outcome.Stream = request.Stream;
            outcome.EstimatedPromptTokens = request.EstimatedPromptTokens;
            if (await admission.AdmitAsync(context.Response, outcome, caller, snapshot, Pricing.CostEstimate.For(snapshot, route, operation, request),
                    countsRequest: true, context.RequestAborted).ConfigureAwait(false) is { } refused)
            {
                await refused.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (route.Classifier is { } classifier)
            {
                // A router alias: the caller's right to it covers the alias it picks.
                var (target, by) = await ClassifyAsync(classifier, PromptText.LastUserText(body.WrittenMemory, operation), snapshot, outcome, preference,
                    context.RequestAborted).ConfigureAwait(false);
                route = snapshot.Routes[target];
                context.Response.Headers[RoutedToHeader] = target;
                context.Response.Headers[RoutedByHeader] = by;
            }

            outcome.Alias = request.Model;
            outcome.Stream = request.Stream;
            var strategy = route.Strategy;
            PooledBuffer? stripped = null;
            if (request.HasExtension)
            {
                var invalid = StrategyExtension.Parse(body.WrittenSpan, request, route.Strategy, out strategy)
                    ?? AuthorizeStrategy(snapshot, caller, route.Strategy, strategy);
                if (invalid is not null)
                {
                    await invalid.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
                    return;
                }

                // The extension never goes upstream; offsets are read afresh from the body without it.
                var bytes = StrategyExtension.Strip(body.WrittenSpan, request);
                stripped = new PooledBuffer(bytes.Length);
                stripped.Write(bytes);
                RequestInspector.Inspect(stripped.WrittenSpan, operation, out request);
            }

            using (stripped)
            {
                outcome.Activity = GatewayTelemetry.StartRequest(outcome);
                var relayed = stripped ?? body;
                if (strategy.Collects)
                {
                    await multiModel.RelayAsync(context, outcome, snapshot, route, operation, relayed.WrittenMemory, request, preference, strategy)
                        .ConfigureAwait(false);
                    return;
                }

                await relay.RelayAsync(context, outcome, route, snapshot.Options, operation, relayed, request, preference, strategy)
                    .ConfigureAwait(false);
            }
        }
    }

    private async Task<(string Target, string By)> ClassifyAsync(RequestClassifier classifier, string text, GatewaySnapshot snapshot,
        RequestOutcome outcome, RoutePreference preference, CancellationToken cancellationToken)
    {
        if (classifier.Match(text) is { } matched)
        {
            return (matched, "rule");
        }

        if (classifier.Llm is { } llm
            && await llmClassifier.ClassifyAsync(llm, text, snapshot, outcome, preference, cancellationToken).ConfigureAwait(false) is { } chosen)
        {
            return (chosen, "llm");
        }

        return (classifier.Default, "default");
    }

    /// <summary>
    /// Members and judge named in the request must exist, be served one deployment at a time, and be
    /// allowed to the caller; those from the alias's config are covered by the right to the alias.
    /// </summary>
    private static OpenAiError? AuthorizeStrategy(GatewaySnapshot snapshot, GatewayCaller caller, AggregationStrategy configured, AggregationStrategy requested)
    {
        var named = requested.Members.Append(requested.Judge).OfType<string>()
            .Where(alias => !configured.Members.Contains(alias) && alias != configured.Judge);
        foreach (var alias in named)
        {
            if (!snapshot.Routes.TryGetValue(alias, out var member))
            {
                return OpenAiError.ModelNotFound(alias) with { Param = "switchboard.models" };
            }

            if (member.Classifier is not null || member.Strategy.Kind != StrategyKind.Single)
            {
                return OpenAiError.BadRequest($"Model '{alias}' routes or combines other models itself; members and judges must be plain models.",
                    "switchboard.models", "invalid_extension");
            }

            if (!caller.MayUse(alias))
            {
                return OpenAiError.ModelNotAllowed(alias);
            }
        }

        return null;
    }

    private static OpenAiError? Authorize(GatewaySnapshot snapshot, GatewayCaller caller, string alias, out ModelRoute? route)
    {
        if (!snapshot.Routes.TryGetValue(alias, out route))
        {
            return OpenAiError.ModelNotFound(alias);
        }

        return caller.MayUse(alias) ? null : OpenAiError.ModelNotAllowed(alias);
    }
}
