using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Switchboard.Server.LocalModels;

/// <summary>
/// Instruments of the in-process models (meter <c>Switchboard.Local</c>): models loaded, bytes of
/// weights loaded, sequences generating or waiting per model, and unloads by reason (<c>idle</c>,
/// <c>evicted</c>) — so idle unloading and the memory budget can be watched in Prometheus.
/// </summary>
internal sealed class LocalModelMetrics
{
    public const string MeterName = "Switchboard.Local";

    private readonly Counter<long> _unloads;

    public LocalModelMetrics(IMeterFactory meterFactory, LocalModelHost host)
    {
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("switchboard.local.models_loaded",
            () => host.Managers.Select(m => new Measurement<int>(m.Value.Loaded.Count, new KeyValuePair<string, object?>("provider", m.Key))),
            "{model}", "Local models loaded per provider");
        meter.CreateObservableGauge("switchboard.local.loaded_bytes",
            () => host.Managers.Select(m => new Measurement<long>(m.Value.Loaded.Sum(l => l.SizeBytes), new KeyValuePair<string, object?>("provider", m.Key))),
            "By", "Bytes of model weights loaded per provider");
        meter.CreateObservableGauge("switchboard.local.sequences",
            () => host.Managers.SelectMany(m => m.Value.Loaded.SelectMany(l => new[]
            {
                new Measurement<int>(l.Busy - l.Queued, new TagList { { "provider", m.Key }, { "model", Path.GetFileName(l.Path) }, { "state", "generating" } }),
                new Measurement<int>(l.Queued, new TagList { { "provider", m.Key }, { "model", Path.GetFileName(l.Path) }, { "state", "queued" } }),
            })),
            "{sequence}", "Sequences generating or waiting for a slot per local model");
        _unloads = meter.CreateCounter<long>("switchboard.local.unloads", "{model}", "Local models unloaded, by reason (idle, evicted)");
        host.Unloaded += (provider, model, reason) =>
            _unloads.Add(1, new TagList { { "provider", provider }, { "model", Path.GetFileName(model) }, { "reason", reason } });
    }
}
