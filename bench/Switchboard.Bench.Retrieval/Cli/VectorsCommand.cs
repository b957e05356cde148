using System.CommandLine;
using Switchboard.Bench.Retrieval.Vectors;
using Switchboard.Knowledge.Vectors;

namespace Switchboard.Bench.Retrieval.Cli;

/// <summary><c>vectors</c>: flat (f32, int8) and HNSW search against the machine's memory-bandwidth floor.</summary>
internal static class VectorsCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { Description = "Vectors in the index.", DefaultValueFactory = _ => 100_000 };
        var dims = new Option<int>("--dims") { Description = "Dimensions.", DefaultValueFactory = _ => 384 };
        var queries = new Option<int>("--queries") { Description = "Measured queries (drawn from the same distribution).", DefaultValueFactory = _ => 200 };
        var data = new Option<string>("--data") { Description = "clustered, uniform or both.", DefaultValueFactory = _ => "both" };
        data.AcceptOnlyFromAmong("clustered", "uniform", "both");
        var ef = new Option<string>("--ef") { Description = "efSearch values to sweep, comma-separated.", DefaultValueFactory = _ => "16,32,64,128,256" };
        var m = new Option<int>("--m") { Description = "HNSW M.", DefaultValueFactory = _ => 16 };
        var efConstruction = new Option<int>("--ef-construction") { Description = "HNSW efConstruction.", DefaultValueFactory = _ => 200 };
        var runs = new Option<int>("--floor-runs") { Description = "Passes of the memory-floor sum (best and median are reported).", DefaultValueFactory = _ => 20 };
        var hnswPrecision = new Option<string>("--hnsw-precision") { Description = "Vector storage of the HNSW runs: f32, int8 or both.", DefaultValueFactory = _ => "f32" };
        hnswPrecision.AcceptOnlyFromAmong("f32", "int8", "both");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data and the HNSW levels.", DefaultValueFactory = _ => 42 };
        var command = new Command("vectors", "Flat f32/int8 query time against the memory floor; HNSW build time, recall@10 and QPS per efSearch.")
        {
            count, dims, queries, data, ef, m, efConstruction, runs, seed, hnswPrecision,
        };
        command.SetAction(result =>
        {
            var efValues = result.GetValue(ef)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToArray();
            string[] kinds = result.GetValue(data) is "both" ? ["clustered", "uniform"] : [result.GetValue(data)!];
            if (result.GetValue(count) < 100 || result.GetValue(dims) < 1 || result.GetValue(queries) < 1 || efValues.Any(e => e < 1))
            {
                Console.Error.WriteLine("--count must be at least 100; --dims, --queries and every --ef at least 1");
                return 2;
            }

            VectorBenchmark.Run(new VectorBenchSettings(
                result.GetValue(count), result.GetValue(dims), result.GetValue(queries), kinds, efValues,
                result.GetValue(m), result.GetValue(efConstruction), result.GetValue(runs), result.GetValue(seed),
                result.GetValue(hnswPrecision) switch
                {
                    "int8" => [VectorPrecision.Int8],
                    "both" => [VectorPrecision.Float32, VectorPrecision.Int8],
                    _ => [VectorPrecision.Float32],
                }));
            return 0;
        });
        return command;
    }
}
