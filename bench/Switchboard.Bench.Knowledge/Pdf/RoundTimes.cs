namespace Switchboard.Bench.Knowledge.Pdf;

/// <summary>Wall-clock seconds of measured rounds; the median is the figure, the best shows the noise floor.</summary>
internal sealed class RoundTimes
{
    private readonly List<double> _seconds = [];

    public IReadOnlyList<double> Seconds => _seconds;

    public void Add(TimeSpan elapsed) => _seconds.Add(elapsed.TotalSeconds);

    public double Median
    {
        get
        {
            var sorted = _seconds.Order().ToList();
            var middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Best => _seconds.Min();
}
