namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>A whole bench run: settings, every target's figures, Switchboard's memory, and the target verdicts.</summary>
internal sealed record BenchReport(
    DateTimeOffset GeneratedAtUtc,
    IReadOnlyList<BenchSetting> Settings,
    IReadOnlyList<TargetFigures> Targets,
    RssFigures? SwitchboardRss,
    IReadOnlyList<TargetCheck> Checks);
