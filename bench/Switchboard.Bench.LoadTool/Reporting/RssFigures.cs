using System.Globalization;

namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>
/// Switchboard's resident set from the once-a-second samples (<c>phase&lt;TAB&gt;VmRSS kB</c> lines):
/// the first sample, the median of the last phase (the steady state), and the peak.
/// </summary>
internal sealed record RssFigures(double FirstMb, double SteadyMb, double PeakMb, string SteadyPhase, int Samples)
{
    public static RssFigures? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var samples = new List<(string Phase, long Kb)>();
        foreach (var line in File.ReadLines(path))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kb))
            {
                samples.Add((parts[0], kb));
            }
        }

        if (samples.Count == 0)
        {
            return null;
        }

        var lastPhase = samples[^1].Phase;
        var steady = samples.FindAll(s => s.Phase == lastPhase).ConvertAll(s => s.Kb);
        steady.Sort();
        var median = steady.Count % 2 == 1 ? steady[steady.Count / 2] : (steady[(steady.Count / 2) - 1] + steady[steady.Count / 2]) / 2.0;
        var peak = samples.Max(s => s.Kb);
        return new RssFigures(Mb(samples[0].Kb), Mb(median), Mb(peak), lastPhase, samples.Count);
    }

    private static double Mb(double kb) => Math.Round(kb / 1024.0, 1);
}
