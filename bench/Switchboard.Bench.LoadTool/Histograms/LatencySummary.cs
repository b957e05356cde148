namespace Switchboard.Bench.LoadTool.Histograms;

/// <summary>A histogram's figures in microseconds, as written to the JSON result.</summary>
internal sealed record LatencySummary(long Count, double MinUs, double MeanUs, double P50Us, double P90Us, double P99Us, double P999Us, double MaxUs)
{
    public static LatencySummary From(LatencyHistogram histogram) => new(
        histogram.Count,
        Micros(histogram.Count == 0 ? 0 : histogram.MinNanoseconds),
        Math.Round(histogram.MeanNanoseconds / 1000.0, 3),
        Micros(histogram.ValueAtPercentile(50)),
        Micros(histogram.ValueAtPercentile(90)),
        Micros(histogram.ValueAtPercentile(99)),
        Micros(histogram.ValueAtPercentile(99.9)),
        Micros(histogram.MaxNanoseconds));

    private static double Micros(long nanoseconds) => Math.Round(nanoseconds / 1000.0, 3);
}
