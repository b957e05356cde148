namespace Switchboard.Bench.LoadTool.Load;

/// <summary>The run's phases as <see cref="System.Diagnostics.Stopwatch"/> timestamps: warm-up, then measurement until the end.</summary>
internal sealed record RunClock(long Start, long MeasureStart, long End)
{
    public bool IsMeasured(long origin) => origin >= MeasureStart && origin < End;
}
