namespace Switchboard.Bench.Retrieval.Measurement;

/// <summary>The process's resident memory and the managed heap after a full collection, in MiB.</summary>
internal static class ProcessMemory
{
    public static double ManagedMiB()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
    }

    public static double ResidentMiB()
    {
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64 / 1048576.0;
    }
}
