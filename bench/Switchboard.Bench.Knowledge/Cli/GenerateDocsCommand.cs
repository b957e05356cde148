using System.CommandLine;
using Switchboard.Bench.Knowledge.Ingest;

namespace Switchboard.Bench.Knowledge.Cli;

/// <summary><c>generate-docs --count N --out DIR</c>: the folder of two-page PDFs <c>bench/run-ingest-bench.sh</c> ingests.</summary>
internal static class GenerateDocsCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Documents to write.", DefaultValueFactory = _ => 1000 };
        var output = new Option<string>("--out") { Description = "Folder to write them into.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed (same seed, same files).", DefaultValueFactory = _ => 42 };
        var command = new Command("generate-docs", "Write synthetic two-page PDFs for the ingestion benchmark.") { count, output, seed };
        command.SetAction(result =>
        {
            DocumentGenerator.Generate(result.GetValue(output)!, result.GetValue(count), result.GetValue(seed));
            Console.WriteLine($"documents={result.GetValue(count)}");
            return 0;
        });
        return command;
    }
}
