using System.CommandLine;
using Switchboard.Bench.Retrieval.Lexical;

namespace Switchboard.Bench.Retrieval.Cli;

/// <summary><c>lexical</c>: build time, memory and search latency of the BM25F index over synthetic chunks.</summary>
internal static class LexicalCommand
{
    public static Command Create()
    {
        var chunks = new Option<int>("--chunks") { Description = "Chunks of ~200 words.", DefaultValueFactory = _ => 100_000 };
        var vocabulary = new Option<int>("--vocabulary") { Description = "English-like words (the Russian vocabulary is a fifth of it).", DefaultValueFactory = _ => 50_000 };
        var russian = new Option<double>("--russian") { Description = "Share of Russian chunks and queries.", DefaultValueFactory = _ => 0.1 };
        var queries = new Option<int>("--queries") { Description = "Measured queries of 2–8 words.", DefaultValueFactory = _ => 1000 };
        var threads = new Option<int>("--threads") { Description = "Threads upserting during the build.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 42 };
        var command = new Command("lexical", "Bm25LexicalIndex over synthetic chunks: build time, memory, search p50/p95/p99.")
        {
            chunks, vocabulary, russian, queries, threads, seed,
        };
        command.SetAction(result =>
        {
            if (result.GetValue(chunks) < 1 || result.GetValue(vocabulary) < 100 || result.GetValue(queries) < 1 || result.GetValue(threads) < 1
                || result.GetValue(russian) is < 0 or > 1)
            {
                Console.Error.WriteLine("--chunks, --queries, --threads ≥ 1, --vocabulary ≥ 100, --russian in [0, 1]");
                return 2;
            }

            LexicalBenchmark.Run(result.GetValue(chunks), result.GetValue(vocabulary), result.GetValue(russian), result.GetValue(queries), result.GetValue(threads), result.GetValue(seed));
            return 0;
        });
        return command;
    }
}
