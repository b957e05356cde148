using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Protocol;

namespace Switchboard.Gateway.Routing;

/// <summary>The rules and policies of <see cref="IDeploymentSelector"/>. Thread-safe.</summary>
internal sealed class DeploymentSelector(Random random) : IDeploymentSelector
{
    public DeploymentSelector()
        : this(Random.Shared)
    {
    }

    public OpenAiError? SelectAttemptOrder(ModelRoute route, in RequestFeatures features, RoutePreference preference, HealthOptions health,
        out Deployment[] order)
    {
        var all = route.Deployments;
        var eligible = new Deployment[all.Count];
        var count = 0;
        for (var i = 0; i < all.Count; i++)
        {
            if (Excludes(all[i], features, preference) is null)
            {
                eligible[count++] = all[i];
            }
        }

        if (count == 0)
        {
            order = [];
            return NoneEligible(route, features, preference);
        }

        order = count == eligible.Length ? eligible : eligible[..count];
        var policy = preference switch
        {
            RoutePreference.Cheapest => Policies.SelectionPolicies.CostAware,
            RoutePreference.Fastest => Policies.SelectionPolicies.LowestLatency,
            _ => route.Policy,
        };
        policy.Order(order, new SelectionContext(route, features.Stream, random));
        if (preference == RoutePreference.PreferLocal)
        {
            LocalFirst(order);
        }

        order = InRotation(order, health);
        return null;
    }

    /// <summary>Leaves out deployments whose circuit is open or that cool down; all of them if none is left.</summary>
    private static Deployment[] InRotation(Deployment[] order, HealthOptions health)
    {
        var admitted = 0;
        Span<bool> admit = order.Length <= 64 ? stackalloc bool[order.Length] : new bool[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            admit[i] = order[i].State.Health.TryAdmit(health);
            admitted += admit[i] ? 1 : 0;
        }

        if (admitted == order.Length || admitted == 0)
        {
            return order;
        }

        var inRotation = new Deployment[admitted];
        for (int i = 0, next = 0; i < order.Length; i++)
        {
            if (admit[i])
            {
                inRotation[next++] = order[i];
            }
        }

        return inRotation;
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
            ? $"context window {window} tokens < about {features.EstimatedPromptTokens} in the prompt"
            : null;
    }

    private static void LocalFirst(Span<Deployment> order)
    {
        // Stable partition: local deployments keep their policy order, and so do the cloud ones after them.
        var buffer = order.ToArray();
        var next = 0;
        foreach (var d in buffer)
        {
            if (d.IsLocal)
            {
                order[next++] = d;
            }
        }

        foreach (var d in buffer)
        {
            if (!d.IsLocal)
            {
                order[next++] = d;
            }
        }
    }

    private static OpenAiError NoneEligible(ModelRoute route, in RequestFeatures features, RoutePreference preference)
    {
        var reasons = new List<string>(route.Deployments.Count);
        foreach (var d in route.Deployments)
        {
            reasons.Add($"{d.Name}: {Excludes(d, features, preference)}");
        }

        var contextOnly = route.Deployments.All(d => d.MaxContextTokens is not null) && reasons.TrueForAll(r => r.Contains("context window", StringComparison.Ordinal));
        return contextOnly
            ? OpenAiError.BadRequest($"The prompt is too long for every deployment of model '{route.Alias}' ({string.Join("; ", reasons)}).", "messages", "context_length_exceeded")
            : OpenAiError.BadRequest($"No deployment of model '{route.Alias}' can serve this request ({string.Join("; ", reasons)}).", null, "no_eligible_deployment");
    }
}
