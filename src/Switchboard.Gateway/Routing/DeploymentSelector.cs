using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Routing;

/// <summary>The rules and policies of <see cref="IDeploymentSelector"/>. Thread-safe.</summary>
internal sealed class DeploymentSelector(Random random) : IDeploymentSelector
{
    private const string ContextWindowReason = "context window";

    public DeploymentSelector()
        : this(Random.Shared)
    {
    }

    public OpenAiError? SelectAttemptOrder(ModelRoute route, in RequestFeatures features, RoutePreference preference, HealthOptions health,
        out AttemptOrder order)
    {
        var all = route.Deployments;
        order = new AttemptOrder(all.Count);
        for (var i = 0; i < all.Count; i++)
        {
            if (Excludes(all[i], features, preference) is null)
            {
                order.Add(all[i]);
            }
        }

        if (order.Count == 0)
        {
            return NoneEligible(route, features, preference);
        }

        var policy = preference switch
        {
            RoutePreference.Cheapest => Policies.SelectionPolicies.CostAware,
            RoutePreference.Fastest => Policies.SelectionPolicies.LowestLatency,
            _ => route.Policy,
        };
        policy.Order(order.Span, new SelectionContext(route, features.Stream, random));
        if (preference == RoutePreference.PreferLocal)
        {
            LocalFirst(order.Span);
        }

        order.Truncate(KeepInRotation(order.Span, health));
        return null;
    }

    /// <summary>
    /// Moves deployments in rotation to the front, keeping their order, and returns how many there are;
    /// when none is (an open circuit or a cooldown everywhere), all stay: panic mode.
    /// </summary>
    private static int KeepInRotation(Span<Deployment> order, HealthOptions health)
    {
        var kept = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (order[i].State.Health.TryAdmit(health))
            {
                (order[kept], order[i]) = (order[i], order[kept]);
                kept++;
            }
        }

        return kept == 0 ? order.Length : kept;
    }

    /// <summary>Why <paramref name="deployment"/> cannot serve the request, or null when it can.</summary>
    internal static string? Excludes(Deployment deployment, in RequestFeatures features, RoutePreference preference)
    {
        var can = deployment.Capabilities;
        if (preference == RoutePreference.LocalOnly && !deployment.IsLocal)
        {
            return "not local";
        }

        if (features.Operation == UpstreamOperation.Embeddings && can.Embeddings == false)
        {
            return "no embeddings";
        }

        if (features.HasTools && can.Tools == false)
        {
            return "no tool calling";
        }

        if (features.JsonMode && can.Json == false)
        {
            return "no JSON mode";
        }

        if (features.HasImages && can.Vision == false)
        {
            return "no image input";
        }

        return deployment.MaxContextTokens is { } window && features.EstimatedPromptTokens > window
            ? $"{ContextWindowReason} {window} tokens < about {features.EstimatedPromptTokens} in the prompt"
            : null;
    }

    private static void LocalFirst(Span<Deployment> order)
    {
        // Stable partition: local deployments keep their policy order, and so do the cloud ones after them.
        var next = 0;
        for (var i = 0; i < order.Length; i++)
        {
            if (order[i].IsLocal)
            {
                var local = order[i];
                order[next..i].CopyTo(order[(next + 1)..]);
                order[next++] = local;
            }
        }
    }

    private static OpenAiError NoneEligible(ModelRoute route, in RequestFeatures features, RoutePreference preference)
    {
        var reasons = new List<string>(route.Deployments.Count);
        var onlyWindows = true;
        foreach (var d in route.Deployments)
        {
            var reason = Excludes(d, features, preference)!;
            onlyWindows &= reason.StartsWith(ContextWindowReason, StringComparison.Ordinal);
            reasons.Add($"{d.Name}: {reason}");
        }

        return onlyWindows
            ? OpenAiError.BadRequest($"The prompt is too long for every deployment of model '{route.Alias}' ({string.Join("; ", reasons)}).", "messages", "context_length_exceeded")
            : OpenAiError.BadRequest($"No deployment of model '{route.Alias}' can serve this request ({string.Join("; ", reasons)}).", null, "no_eligible_deployment");
    }
}
