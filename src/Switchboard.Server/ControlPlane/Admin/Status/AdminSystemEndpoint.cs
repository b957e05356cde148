using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Switchboard.Gateway.Configuration;
using Switchboard.Gateway.Endpoints;
using Switchboard.Gateway.Protocol;
using Switchboard.Knowledge.Ingestion;
using Switchboard.Server.ControlPlane.Authorization;
using Switchboard.Server.LocalModels;

namespace Switchboard.Server.ControlPlane.Admin.Status;

/// <summary>
/// <c>GET /api/v1/admin/system</c> (<c>system.read</c>): version and uptime, the config in force, every deployment's
/// health (as <c>/api/v1/admin/deployments</c>), the ingestion queue and running jobs, loaded local models, and the
/// process's memory, GC and CPU.
/// </summary>
internal static class AdminSystemEndpoint
{
    private static readonly string Version =
        typeof(AdminSystemEndpoint).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static void Map(RouteGroupBuilder admin) => admin.MapGet("/system", HandleAsync).RequirePermission(Permissions.SystemRead);

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var time = services.GetRequiredService<TimeProvider>();
        var started = services.GetRequiredService<ServerStart>().StartedAt;
        var config = services.GetRequiredService<GatewayConfigProvider>();
        var queue = services.GetRequiredService<IngestionQueue>();
        var workers = services.GetRequiredService<IngestionWorkers>();
        var localModels = services.GetRequiredService<LocalModelHost>();
        using var process = Process.GetCurrentProcess();
        var gc = GC.GetGCMemoryInfo();
        var now = time.GetUtcNow();

        context.Response.ContentType = "application/json";
        using (var json = new Utf8JsonWriter(context.Response.BodyWriter, OpenAiError.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteString("started_at", started);
            json.WriteNumber("uptime_seconds", Math.Round((now - started).TotalSeconds, 1));
            json.WriteStartObject("config");
            json.WriteNumber("providers", config.Current.Providers.Count);
            json.WriteNumber("aliases", config.Current.Routes.Count);
            if (config.LastError is { } error)
            {
                json.WriteString("last_rejected_change", error);
            }

            json.WriteEndObject();
            json.WriteStartObject("deployments");
            AdminDeploymentsEndpoint.WriteAliases(json, config.Current);
            json.WriteEndObject();
            json.WriteStartObject("knowledge");
            json.WriteNumber("queue_waiting", queue.Waiting);
            json.WriteNumber("jobs_running", workers.Running);
            json.WriteEndObject();
            json.WriteStartObject("local_models");
            LocalModelsEndpoint.WriteProviders(json, localModels);
            json.WriteEndObject();
            json.WriteStartObject("process");
            json.WriteNumber("processors", Environment.ProcessorCount);
            json.WriteNumber("threads", process.Threads.Count);
            json.WriteNumber("cpu_seconds", Math.Round(process.TotalProcessorTime.TotalSeconds, 2));
            json.WriteNumber("working_set_bytes", process.WorkingSet64);
            json.WriteNumber("private_memory_bytes", process.PrivateMemorySize64);
            json.WriteNumber("managed_heap_bytes", GC.GetTotalMemory(forceFullCollection: false));
            json.WriteNumber("allocated_bytes_total", GC.GetTotalAllocatedBytes());
            json.WriteStartObject("gc");
            json.WriteNumber("gen0_collections", GC.CollectionCount(0));
            json.WriteNumber("gen1_collections", GC.CollectionCount(1));
            json.WriteNumber("gen2_collections", GC.CollectionCount(2));
            json.WriteNumber("pause_time_total_ms", Math.Round(GC.GetTotalPauseDuration().TotalMilliseconds, 1));
            json.WriteNumber("heap_size_bytes", gc.HeapSizeBytes);
            json.WriteNumber("fragmented_bytes", gc.FragmentedBytes);
            json.WriteNumber("memory_load_bytes", gc.MemoryLoadBytes);
            json.WriteNumber("total_available_memory_bytes", gc.TotalAvailableMemoryBytes);
            json.WriteBoolean("server_gc", global::System.Runtime.GCSettings.IsServerGC);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
