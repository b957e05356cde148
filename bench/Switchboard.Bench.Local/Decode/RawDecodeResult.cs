namespace Switchboard.Bench.Local.Decode;

/// <summary>What the raw decode runs measured.</summary>
/// <param name="Sequences">Sequences decoded together, one token each per step.</param>
/// <param name="Steps">Decode steps in the measured part of each run.</param>
/// <param name="Runs">Time of the measured part of each run.</param>
/// <param name="Threads">CPU threads llama.cpp used.</param>
internal sealed record RawDecodeResult(int Sequences, int Steps, IReadOnlyList<TimeSpan> Runs, int Threads)
{
    public int Tokens => Sequences * Steps;

    /// <summary>The best run's speed, all sequences together: on a shared machine the slower runs measure the neighbours.</summary>
    public double TokensPerSecond => Tokens / Runs.Min().TotalSeconds;

    public IEnumerable<double> RunTokensPerSecond => Runs.Select(r => Tokens / r.TotalSeconds);
}
