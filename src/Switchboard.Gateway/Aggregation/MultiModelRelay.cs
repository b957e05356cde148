using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Switchboard.Gateway.Observability;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Policies;

namespace Switchboard.Gateway.Aggregation;

/// <summary>
/// The <c>consensus</c> and <c>compare</c> strategies: the same chat request goes to several models at
/// once (the alias's own deployments, or member aliases each routed as usual), their whole answers are
/// collected, and the client gets one response: every answer as a choice (compare), or one answer made
/// by a judge model or a majority vote (consensus). The individual answers are in the response's
/// <c>switchboard</c> extension either way. Thread-safe.
/// </summary>
internal sealed class MultiModelRelay(CapturingRelay capturing, IDeploymentSelector selector, GatewayMetrics metrics)
{
    public async Task RelayAsync(HttpContext context, RequestOutcome outcome, GatewaySnapshot snapshot, ModelRoute route, UpstreamOperation operation,
        ReadOnlyMemory<byte> body, InspectedRequest request, RoutePreference preference, AggregationStrategy strategy)
    {
        if (operation != UpstreamOperation.ChatCompletions)
        {
            await OpenAiError.BadRequest($"The {strategy.Name} strategy applies to chat completions only.", "switchboard.strategy", "invalid_extension")
                .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        if (Members(snapshot, route, operation, request, preference, strategy, out var members) is { } refusal)
        {
            outcome.ErrorType = "no_eligible_deployment";
            await refusal.WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var clientRequest = (JsonObject)JsonNode.Parse(body.Span)!;
        clientRequest.Remove("switchboard");
        var answers = await Task.WhenAll(members.Select(m => capturing.CompleteAsync(outcome, m.Label, m.Route, snapshot.Options,
                (JsonObject)clientRequest.DeepClone(), preference, context.RequestAborted)))
            .ConfigureAwait(false);
        foreach (var answer in answers)
        {
            CapturingRelay.Account(outcome, answer);
            metrics.RecordStrategyAttempt(route.Alias, strategy.Name, answer.Deployment ?? "", answer.Succeeded ? "answered" : "failed");
        }

        outcome.Deployment = $"{strategy.Name}:{members.Count}";
        if (!answers.Any(a => a.Succeeded))
        {
            outcome.ErrorType = "all_members_failed";
            var reasons = string.Join("; ", answers.Select(a => $"{a.Model}: {a.Error}"));
            await OpenAiError.Unavailable(StatusCodes.Status502BadGateway,
                    $"Model '{route.Alias}' ({strategy.Name}) is unavailable: none of {answers.Length} models answered ({reasons}).")
                .WriteAsync(context.Response, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var response = strategy.Kind == StrategyKind.Compare
            ? AggregateResponse.Compare(route.Alias, outcome, answers)
            : await ConsensusAsync(context, outcome, snapshot, route, strategy, preference, clientRequest, answers).ConfigureAwait(false);
        outcome.Usage.FinishReason = response["choices"]![0]!["finish_reason"]?.GetValue<string>();
        await AggregateResponse.WriteAsync(context, response, request.Stream, request.ClientIncludeUsage).ConfigureAwait(false);
    }

    private async Task<JsonObject> ConsensusAsync(HttpContext context, RequestOutcome outcome, GatewaySnapshot snapshot, ModelRoute route,
        AggregationStrategy strategy, RoutePreference preference, JsonObject clientRequest, CapturedAnswer[] answers)
    {
        var (winner, votes) = ConsensusVote.Decide(answers);
        if (strategy.Judge is not { } judgeAlias || !snapshot.Routes.TryGetValue(judgeAlias, out var judgeRoute))
        {
            return AggregateResponse.Vote(route.Alias, outcome, answers, winner, votes);
        }

        var verdict = await capturing.CompleteAsync(outcome, judgeAlias, judgeRoute, snapshot.Options, JudgePrompt.Build(clientRequest, answers), preference,
            context.RequestAborted).ConfigureAwait(false);
        CapturingRelay.Account(outcome, verdict);
        metrics.RecordStrategyAttempt(route.Alias, strategy.Name, verdict.Deployment ?? "", verdict.Succeeded ? "judged" : "failed");
        // A judge that fails leaves the vote standing rather than failing a request that has answers.
        return verdict.Succeeded
            ? AggregateResponse.Judged(route.Alias, outcome, answers, verdict)
            : AggregateResponse.Vote(route.Alias, outcome, answers, winner, votes, judgeError: $"{judgeAlias}: {verdict.Error}");
    }

    /// <summary>Who is asked: the member aliases, or the alias's own eligible deployments in policy order, up to the fan-out.</summary>
    private OpenAiError? Members(GatewaySnapshot snapshot, ModelRoute route, UpstreamOperation operation, in InspectedRequest request,
        RoutePreference preference, AggregationStrategy strategy, out List<(string Label, ModelRoute Route)> members)
    {
        var limit = strategy.FanOut ?? AggregationStrategy.MaxFanOut;
        if (strategy.Members.Count > 0)
        {
            members = strategy.Members.Take(limit).Select(alias => (alias, snapshot.Routes[alias])).ToList();
            return null;
        }

        members = [];
        var error = selector.SelectAttemptOrder(route, RequestFeatures.Of(operation, request), preference, snapshot.Options.Health, out var order);
        using (order)
        {
            for (var i = 0; error is null && i < order.Count && members.Count < limit; i++)
            {
                // Each deployment answers on its own: no failover to a sibling, which would answer twice.
                members.Add((order[i].Name, new ModelRoute(route.Alias, [order[i]], SelectionPolicies.Priority)));
            }
        }

        return error;
    }
}
