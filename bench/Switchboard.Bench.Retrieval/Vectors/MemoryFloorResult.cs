namespace Switchboard.Bench.Retrieval.Vectors;

/// <summary>
/// The time to stream <paramref name="Bytes"/> through one core: the best pass (the machine's floor) and the median
/// pass (what the same read costs amid the neighbours' traffic, to set against a median query).
/// </summary>
internal sealed record MemoryFloorResult(long Bytes, double BestMilliseconds, double MedianMilliseconds)
{
    public double GigabytesPerSecond => Bytes / (BestMilliseconds / 1000) / 1e9;
}
