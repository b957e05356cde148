namespace Switchboard.Bench.Local.Bandwidth;

/// <summary>Best memory bandwidth of each STREAM kernel, in GB/s (10⁹ bytes), counted as STREAM counts them.</summary>
/// <param name="CopyGbps">c = a: 2 arrays moved.</param>
/// <param name="TriadGbps">a = b + s·c: 3 arrays moved.</param>
/// <param name="ArrayBytes">Bytes of each of the 3 arrays.</param>
/// <param name="Threads">Threads running each kernel.</param>
internal sealed record BandwidthResult(double CopyGbps, double TriadGbps, long ArrayBytes, int Threads)
{
    /// <summary>The higher of the two: what the machine showed it can move.</summary>
    public double BestGbps => Math.Max(CopyGbps, TriadGbps);
}
