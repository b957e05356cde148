using System.CommandLine;
using System.Globalization;
using Switchboard.Knowledge.Evaluation;
using Switchboard.Knowledge.Lexical;

namespace Switchboard.Bench.Retrieval.Cli;

/// <summary>
/// <c>beir</c>: lexical quality on a BEIR split with the BM25F and RM3 settings given, to choose settings on a train
/// split and report them on the test split (<c>switchboard eval retrieval</c> runs the defaults).
/// </summary>
internal static class BeirCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "A BEIR folder.", Required = true };
        var split = new Option<string>("--split") { DefaultValueFactory = _ => "test" };
        var defaults = new Bm25Options();
        var rm3Defaults = new Rm3Options();
        var k1 = new Option<double>("--k1") { DefaultValueFactory = _ => defaults.K1 };
        var b = new Option<double>("--b") { DefaultValueFactory = _ => defaults.B };
        var title = new Option<double>("--title-weight") { DefaultValueFactory = _ => defaults.TitleWeight };
        var rm3 = new Option<bool>("--rm3") { Description = "Add RM3 pseudo-relevance feedback." };
        var fbChunks = new Option<int>("--fb-chunks") { DefaultValueFactory = _ => rm3Defaults.FeedbackChunks };
        var fbTerms = new Option<int>("--fb-terms") { DefaultValueFactory = _ => rm3Defaults.FeedbackTerms };
        var originalWeight = new Option<double>("--original-weight") { DefaultValueFactory = _ => rm3Defaults.OriginalQueryWeight };
        var command = new Command("beir", "nDCG@10, recall and MRR of the lexical index on a BEIR split.")
        {
            dataset, split, k1, b, title, rm3, fbChunks, fbTerms, originalWeight,
        };
        command.SetAction(result =>
        {
            var options = new Bm25Options
            {
                K1 = result.GetValue(k1),
                B = result.GetValue(b),
                TitleWeight = result.GetValue(title),
                Feedback = result.GetValue(rm3)
                    ? new Rm3Options { FeedbackChunks = result.GetValue(fbChunks), FeedbackTerms = result.GetValue(fbTerms), OriginalQueryWeight = result.GetValue(originalWeight) }
                    : null,
            };
            var report = RetrievalEvaluator.EvaluateLexical(BeirLoader.Load(result.GetValue(dataset)!, result.GetValue(split)!), options);
            ResultLines.Say($"{result.GetValue(split)}: {report.Queries} queries, {report.Documents} documents; nDCG@10 {report.NdcgAt10:F4}, R@10 {report.RecallAt10:F3}, R@100 {report.RecallAt100:F3}, MRR@10 {report.MrrAt10:F3}, p50 {report.LatencyP50Milliseconds:F2} ms, p95 {report.LatencyP95Milliseconds:F2} ms, indexed in {report.IndexTime.TotalSeconds:F2} s");
            ResultLines.Write("ndcg10", report.NdcgAt10);
            ResultLines.Write("recall10", report.RecallAt10);
            ResultLines.Write("recall100", report.RecallAt100);
            ResultLines.Write("mrr10", report.MrrAt10);
            ResultLines.Write("p50_ms", report.LatencyP50Milliseconds);
            ResultLines.Write("p95_ms", report.LatencyP95Milliseconds);
            ResultLines.Write("index_s", report.IndexTime.TotalSeconds.ToString("F3", CultureInfo.InvariantCulture));
            return 0;
        });
        return command;
    }
}
