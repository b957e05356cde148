using Switchboard.Knowledge.Evaluation;

namespace Switchboard.Knowledge.Tests.Evaluation;

public sealed class RetrievalMetricsTests
{
    private static readonly Dictionary<string, int> Judged = new(StringComparer.Ordinal) { ["a"] = 1, ["b"] = 1, ["x"] = 0 };

    [Fact]
    public void NdcgAt_PerfectRanking_IsOne()
    {
        Assert.Equal(1.0, RetrievalMetrics.NdcgAt(10, ["a", "b", "c"], Judged), 9);
    }

    [Fact]
    public void NdcgAt_HandComputed()
    {
        // Relevant at ranks 2 and 4: DCG = 1/log2(3) + 1/log2(5); ideal = 1 + 1/log2(3).
        var expected = ((1 / Math.Log2(3)) + (1 / Math.Log2(5))) / (1 + (1 / Math.Log2(3)));
        Assert.Equal(expected, RetrievalMetrics.NdcgAt(10, ["x", "a", "c", "b"], Judged), 9);
        Assert.Equal(0.0, RetrievalMetrics.NdcgAt(1, ["x", "a"], Judged), 9);
    }

    [Fact]
    public void NdcgAt_GradedGain_IsLinear()
    {
        var graded = new Dictionary<string, int>(StringComparer.Ordinal) { ["a"] = 2, ["b"] = 1 };
        var expected = (1 + (2 / Math.Log2(3))) / (2 + (1 / Math.Log2(3)));
        Assert.Equal(expected, RetrievalMetrics.NdcgAt(10, ["b", "a"], graded), 9);
    }

    [Fact]
    public void RecallAt_CountsRelevantInCutoff()
    {
        Assert.Equal(0.5, RetrievalMetrics.RecallAt(2, ["a", "x", "b"], Judged), 9);
        Assert.Equal(1.0, RetrievalMetrics.RecallAt(3, ["a", "x", "b"], Judged), 9);
    }

    [Fact]
    public void ReciprocalRankAt_FirstRelevantRank()
    {
        Assert.Equal(1.0 / 3, RetrievalMetrics.ReciprocalRankAt(10, ["x", "c", "b"], Judged), 9);
        Assert.Equal(0.0, RetrievalMetrics.ReciprocalRankAt(2, ["x", "c", "b"], Judged), 9);
    }

    [Fact]
    public void Percentile_NearestRank()
    {
        double[] values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
        Assert.Equal(5, RetrievalMetrics.Percentile(values, 50));
        Assert.Equal(10, RetrievalMetrics.Percentile(values, 95));
        Assert.Equal(0, RetrievalMetrics.Percentile([], 50));
    }
}
