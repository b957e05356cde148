using System.CommandLine;
using System.Text.Json;
using Switchboard.Bench.LoadTool.Reporting;
using Switchboard.Bench.LoadTool.Results;

namespace Switchboard.Bench.LoadTool.Cli;

/// <summary><c>report --dir DIR</c>: tabulates a run of <c>bench/run-gateway-bench.sh</c> against the targets.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var dir = new Option<DirectoryInfo>("--dir") { Description = "Directory holding the run's result files.", Required = true };
        var markdown = new Option<FileInfo>("--markdown") { Description = "Write the Markdown report here." };
        var json = new Option<FileInfo>("--json") { Description = "Write the JSON report here." };
        var command = new Command("report", "Tabulate a bench run: figures per target, added figures, target verdicts.") { dir, markdown, json };
        command.SetAction(async (result, cancellationToken) =>
        {
            var directory = result.GetValue(dir)!;
            if (!directory.Exists)
            {
                await Console.Error.WriteLineAsync($"--dir {directory.FullName}: no such directory.");
                return 2;
            }

            var report = BenchReportBuilder.Build(directory, TimeProvider.System.GetUtcNow());
            var text = MarkdownReport.Render(report);
            Console.Write(text);
            if (result.GetValue(markdown) is { } md)
            {
                await File.WriteAllTextAsync(md.FullName, text, cancellationToken);
            }

            if (result.GetValue(json) is { } js)
            {
                await File.WriteAllTextAsync(js.FullName, JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport), cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
