using Switchboard.Gateway.Aggregation;
using Switchboard.Gateway.Protocol;
using Switchboard.Gateway.Routing;

namespace Switchboard.Gateway.Pricing;

/// <summary>
/// The most a request can use before it runs: for each model call it makes (one; or a router's classifier and its
/// pick; or every consensus member and the judge), the prompt estimate plus <c>max_tokens</c> (or
/// <c>limits.defaultMaxTokens</c>) at the price of the most expensive deployment that may serve that call.
/// Budgets reserve it and tokens/min counts it; both are corrected with what the request really used. Immutable.
/// </summary>
internal sealed class CostEstimate
{
    private readonly IReadOnlyList<IReadOnlyList<Deployment>> _calls;

    private CostEstimate(IReadOnlyList<IReadOnlyList<Deployment>> calls, long promptTokens, long outputTokens)
    {
        _calls = calls;
        PromptTokens = promptTokens;
        OutputTokens = outputTokens;
    }

    public long PromptTokens { get; }

    public long OutputTokens { get; }

    /// <summary>Tokens reserved in tokens/min windows: every call's prompt and output.</summary>
    public long Tokens => _calls.Count * (PromptTokens + OutputTokens);

    public static CostEstimate For(GatewaySnapshot snapshot, ModelRoute route, UpstreamOperation operation, in InspectedRequest request)
    {
        var output = operation == UpstreamOperation.Embeddings ? 0 : (long)(request.MaxTokens ?? snapshot.Limits.DefaultMaxTokens) * Math.Max(1, request.Choices);
        return new CostEstimate(CallsOf(snapshot, route), request.EstimatedPromptTokens, output);
    }

    /// <summary>A request that makes no model call of its own (a virtual model's front door: its inner calls are charged themselves).</summary>
    public static CostEstimate None { get; } = new([], 0, 0);

    /// <summary>
    /// The estimate in <paramref name="currency"/>; false (with the currency that could not be converted) when a
    /// candidate deployment is priced in a currency no configured exchange rate connects to it.
    /// </summary>
    public bool TryInCurrency(string currency, CurrencyConverter rates, out decimal amount, out string? unconvertible)
    {
        amount = 0;
        unconvertible = null;
        foreach (var call in _calls)
        {
            decimal highest = 0;
            foreach (var deployment in call)
            {
                if (deployment.Price is not { } price)
                {
                    continue;
                }

                if (!rates.TryConvert(CostCalculator.Cost(price, PromptTokens, OutputTokens), price.Currency, currency, out var cost))
                {
                    unconvertible = price.Currency;
                    return false;
                }

                highest = Math.Max(highest, cost);
            }

            amount += highest;
        }

        return true;
    }

    private static List<IReadOnlyList<Deployment>> CallsOf(GatewaySnapshot snapshot, ModelRoute route)
    {
        if (route.Classifier is { } classifier)
        {
            var targets = classifier.Targets.Where(snapshot.Routes.ContainsKey).SelectMany(t => snapshot.Routes[t].Deployments).ToArray();
            return classifier.Llm is { } llm && snapshot.Routes.TryGetValue(llm.Model, out var model)
                ? [model.Deployments, targets]
                : [targets];
        }

        var strategy = route.Strategy;
        if (!strategy.Collects)
        {
            return [route.Deployments];
        }

        var fanOut = strategy.FanOut ?? AggregationStrategy.MaxFanOut;
        var calls = new List<IReadOnlyList<Deployment>>();
        if (strategy.Members.Count > 0)
        {
            calls.AddRange(strategy.Members.Take(fanOut).Where(snapshot.Routes.ContainsKey).Select(m => snapshot.Routes[m].Deployments));
        }
        else
        {
            // Each of the alias's deployments answers once, up to the fan-out: charge the most expensive ones.
            var byCost = route.Deployments.OrderByDescending(d => d.PriceSortKey is double.PositiveInfinity ? 0 : d.PriceSortKey).Take(fanOut);
            calls.AddRange(byCost.Select(d => (IReadOnlyList<Deployment>)[d]));
        }

        if (strategy.Judge is { } judge && snapshot.Routes.TryGetValue(judge, out var judgeRoute))
        {
            calls.Add(judgeRoute.Deployments);
        }

        return calls;
    }
}
