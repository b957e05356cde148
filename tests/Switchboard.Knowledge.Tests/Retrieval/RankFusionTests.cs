using Switchboard.Knowledge.Retrieval;

namespace Switchboard.Knowledge.Tests.Retrieval;

public sealed class RankFusionTests
{
    [Fact]
    public void Fuse_ItemInBothLists_BeatsItemsFirstInOnlyOne()
    {
        var fused = RankFusion.Fuse([1, 2, 3], [4, 2, 5]);

        Assert.Equal(2, fused[0].Id);
        Assert.Equal((1.0 / 62) + (1.0 / 62), fused[0].Score, 12);
        Assert.Equal(5, fused.Count);
    }

    [Fact]
    public void Fuse_EqualScores_AreOrderedById()
    {
        var fused = RankFusion.Fuse([7], [3]);

        Assert.Equal([3L, 7L], fused.Select(f => f.Id));
    }
}
