using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Routing;
using Switchboard.Gateway.Routing.Policies;

namespace Switchboard.Bench.Micro;

/// <summary>
/// One routing decision (rules, policy, health) over an alias with 50 deployments, per policy. The
/// baseline is <c>priority</c>, which only filters and checks health. Target (issue #3): ≤ 1 µs and no
/// allocation.
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private static readonly HealthOptions Health = new();
    private readonly DeploymentSelector _selector = new(new Random(1));
    private ModelRoute _route = null!;
    private RequestFeatures _features;

    [Params("priority", "weighted", "round-robin", "least-in-flight", "power-of-two-choices", "lowest-latency", "cost-aware")]
    public string Policy { get; set; } = "priority";

    [GlobalSetup]
    public void Setup()
    {
        var local = new UpstreamProvider("local", new Uri("http://local.example/v1/"), null, null, FrozenDictionary<string, string>.Empty, isLocal: true);
        var cloud = new UpstreamProvider("cloud", new Uri("http://cloud.example/v1/"), "key", null, FrozenDictionary<string, string>.Empty);
        var random = new Random(7);
        var deployments = Enumerable.Range(0, 50).Select(i =>
        {
            var state = new DeploymentState();
            state.RecordLatency(random.Next(50, 2000));
            for (var j = 0; j < random.Next(0, 5); j++)
            {
                state.Enter();
            }

            return new Deployment(i % 3 == 0 ? local : cloud, $"model-{i}", state, new DeploymentConfig
            {
                Weight = random.Next(1, 10),
                MaxContextTokens = 8192 * (1 + (i % 4)),
                Capabilities = new CapabilitiesConfig { Tools = i % 5 != 0 },
                Price = new PriceConfig { InputPer1M = random.Next(0, 100) / 10m, OutputPer1M = random.Next(0, 300) / 10m },
            });
        }).ToArray();
        _route = new ModelRoute("bench", deployments, SelectionPolicies.ByName[Policy]);
        _features = new RequestFeatures { Operation = UpstreamOperation.ChatCompletions, HasTools = true, EstimatedPromptTokens = 2000 };
    }

    [Benchmark]
    public int Select()
    {
        _selector.SelectAttemptOrder(_route, _features, RoutePreference.None, Health, out var order);
        var count = order.Count;
        order.Dispose();
        return count;
    }
}
