namespace Switchboard.Bench.LoadTool.Reporting;

/// <summary>One line of the run's <c>settings.txt</c> (<c>name=value</c>), kept in the order the script wrote it.</summary>
internal sealed record BenchSetting(string Name, string Value);
