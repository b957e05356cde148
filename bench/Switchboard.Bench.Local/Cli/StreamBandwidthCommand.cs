using System.CommandLine;
using Switchboard.Bench.Local.Bandwidth;

namespace Switchboard.Bench.Local.Cli;

/// <summary><c>stream-bandwidth</c>: the machine's memory bandwidth by a STREAM-like copy and triad.</summary>
internal static class StreamBandwidthCommand
{
    public static Command Create()
    {
        var megabytes = new Option<int>("--mb") { Description = "MiB per array (three arrays); far above the caches.", DefaultValueFactory = _ => 512 };
        var runs = new Option<int>("--runs") { Description = "Runs of each kernel; the best counts.", DefaultValueFactory = _ => 5 };
        var threads = new Option<int?>("--threads") { Description = "Threads (default: all cores)." };
        var command = new Command("stream-bandwidth", "Memory bandwidth in GB/s: STREAM copy and triad, best of several runs.") { megabytes, runs, threads };
        command.SetAction(result =>
        {
            var mb = result.GetValue(megabytes);
            var count = result.GetValue(runs);
            if (mb is < 16 or > 4096 || count < 1)
            {
                Console.Error.WriteLine("--mb must be 16–4096 and --runs at least 1");
                return 2;
            }

            var measured = StreamBandwidth.Measure(mb, count, result.GetValue(threads));
            ResultLines.Say($"copy {measured.CopyGbps:F2} GB/s, triad {measured.TriadGbps:F2} GB/s (best of {count}, 3 × {mb} MiB arrays, {measured.Threads} threads)");
            ResultLines.Write("copy_gbps", measured.CopyGbps);
            ResultLines.Write("triad_gbps", measured.TriadGbps);
            ResultLines.Write("bandwidth_gbps", measured.BestGbps);
            ResultLines.Write("threads", measured.Threads);
            return 0;
        });
        return command;
    }
}
