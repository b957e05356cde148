using System.CommandLine;
using System.Globalization;
using Switchboard.Knowledge.Evaluation;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Server.Cli;

/// <summary>
/// <c>switchboard eval retrieval</c>: scores the knowledge base's retrieval on a BEIR dataset (nDCG@10, recall,
/// MRR, latency) so ranking changes are measured rather than guessed. Vector and hybrid modes embed through an
/// OpenAI-compatible endpoint (a running Switchboard serves every alias).
/// </summary>
internal static class EvalCommand
{
    public static Command Create() => new("eval", "Measure quality: retrieval on BEIR datasets.") { CreateRetrieval() };

    private static Command CreateRetrieval()
    {
        var dataset = new Option<string>("--dataset") { Description = "A BEIR folder: corpus.jsonl, queries.jsonl, qrels/<split>.tsv.", Required = true };
        var mode = new Option<string>("--mode") { Description = "lexical, vector or hybrid.", DefaultValueFactory = _ => "lexical" };
        mode.AcceptOnlyFromAmong("lexical", "vector", "hybrid");
        var split = new Option<string>("--split") { Description = "The qrels split to score.", DefaultValueFactory = _ => "test" };
        var defaults = new Bm25Options();
        var k1 = new Option<double>("--k1") { Description = "BM25 term saturation.", DefaultValueFactory = _ => defaults.K1 };
        var b = new Option<double>("--b") { Description = "BM25 length normalisation (0–1).", DefaultValueFactory = _ => defaults.B };
        var title = new Option<double>("--title-weight") { Description = "Weight of a title occurrence relative to the body.", DefaultValueFactory = _ => defaults.TitleWeight };

        var url = new Option<string?>("--embeddings-url") { Description = "OpenAI-compatible base URL for vector/hybrid modes, e.g. http://127.0.0.1:8080/v1." };
        var model = new Option<string?>("--embedding-model") { Description = "Embedding model (alias) for vector/hybrid modes." };
        var keyVariable = new Option<string>("--api-key-env")
        {
            Description = "Environment variable holding the key for --embeddings-url.",
            DefaultValueFactory = _ => "SWITCHBOARD_API_KEY",
        };
        var batch = new Option<int>("--batch") { Description = "Texts per embeddings request.", DefaultValueFactory = _ => 64 };

        var command = new Command("retrieval", "Index a BEIR corpus, run its judged queries and print nDCG@10, Recall@10/100, MRR@10 and latency.")
        {
            dataset, mode, split, k1, b, title, url, model, keyVariable, batch,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = result.GetValue(mode)!;
            var options = new Bm25Options { K1 = result.GetValue(k1), B = result.GetValue(b), TitleWeight = result.GetValue(title) };
            if (chosen != "lexical" && (result.GetValue(url) is null || result.GetValue(model) is null || result.GetValue(batch) < 1))
            {
                Console.Error.WriteLine($"--mode {chosen} embeds the corpus: give --embeddings-url (e.g. http://127.0.0.1:8080/v1) and --embedding-model, and --batch ≥ 1.");
                return 2;
            }

            BeirDataset data;
            try
            {
                options.Validate();
                data = BeirLoader.Load(result.GetValue(dataset)!, result.GetValue(split)!);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or ArgumentOutOfRangeException or KeyNotFoundException)
            {
                Console.Error.WriteLine(ex.Message);
                return ex is ArgumentOutOfRangeException ? 2 : 1;
            }

            if (chosen == "lexical")
            {
                Write(Console.Out, RetrievalEvaluator.EvaluateLexical(data, options));
                return 0;
            }

            if (!Uri.TryCreate(result.GetValue(url), UriKind.Absolute, out var baseUrl))
            {
                Console.Error.WriteLine("--embeddings-url must be an absolute URL.");
                return 2;
            }

            using var embedder = new HttpEmbedder(baseUrl, result.GetValue(model)!, Environment.GetEnvironmentVariable(result.GetValue(keyVariable)!));
            try
            {
                var progress = new Progress<int>(done => Console.Error.Write($"\rembedded {done}/{data.Corpus.Count} documents"));
                var report = await DenseRetrievalEvaluator.EvaluateAsync(data, chosen == "hybrid", embedder.EmbedAsync, result.GetValue(batch), options, progress,
                    cancellationToken).ConfigureAwait(false);
                Console.Error.WriteLine();
                Write(Console.Out, report);
                return 0;
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine();
                Console.Error.WriteLine($"Embedding failed: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Write(TextWriter output, RetrievalReport report)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"documents: {report.Documents} (indexed in {report.IndexTime.TotalSeconds:0.00} s), queries: {report.Queries}"));
        output.WriteLine(string.Create(c, $"nDCG@10: {report.NdcgAt10:0.000}"));
        output.WriteLine(string.Create(c, $"Recall@10: {report.RecallAt10:0.000}"));
        output.WriteLine(string.Create(c, $"Recall@100: {report.RecallAt100:0.000}"));
        output.WriteLine(string.Create(c, $"MRR@10: {report.MrrAt10:0.000}"));
        output.WriteLine(string.Create(c, $"latency p50: {report.LatencyP50Milliseconds:0.00} ms, p95: {report.LatencyP95Milliseconds:0.00} ms"));
    }
}
