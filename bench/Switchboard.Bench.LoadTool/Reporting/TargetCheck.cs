namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>One target from the issue, the figure that decides it and the verdict: PASS, MISS or n/a (not measured).</summary>
internal sealed record TargetCheck(string Name, string Figure, string Limit, string Result);
