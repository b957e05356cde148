using Switchboard.Knowledge.Evaluation;

namespace Switchboard.Knowledge.Tests.Evaluation;

/// <summary>The lexical retriever on BEIR SciFact's test split must match published BM25 (nDCG@10 0.665–0.679).</summary>
public sealed class SciFactTests
{
    [Fact]
    public void EvaluateLexical_SciFactTest_MatchesPublishedBm25()
    {
        var dataset = BeirLoader.Load(SharedModels.SciFact, "test");
        Assert.Equal(5183, dataset.Corpus.Count);
        Assert.Equal(300, dataset.Queries.Count);

        var report = RetrievalEvaluator.EvaluateLexical(dataset);

        Assert.True(report.NdcgAt10 >= 0.69, $"nDCG@10 {report.NdcgAt10:0.000} < 0.69");
        Assert.True(report.RecallAt100 >= 0.9, $"Recall@100 {report.RecallAt100:0.000} < 0.9");
    }
}
