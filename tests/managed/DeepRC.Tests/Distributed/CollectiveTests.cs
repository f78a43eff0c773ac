namespace DeepRC.Tests.Distributed;

public class CollectiveTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void AllReduceAllGatherAndBroadcast(int size)
    {
        var results = RankRunner.Run(size, ctx =>
        {
            long sum = ctx.AllReduce((long)ctx.Rank + 1, ReduceOp.Sum);
            double max = ctx.AllReduce(ctx.Rank * 1.5, ReduceOp.Max);
            int[] ranks = ctx.AllGather(ctx.Rank * 10);
            Span<int> buffer = [ctx.Rank, ctx.Rank, ctx.Rank];
            ctx.Broadcast(buffer, root: size - 1);
            return (sum, max, ranks, buffer.ToArray(), ctx.Backend, ctx.Size);
        });
        foreach (var r in results)
        {
            Assert.Equal(size * (size + 1) / 2, r.sum);
            Assert.Equal((size - 1) * 1.5, r.max);
            Assert.Equal(Enumerable.Range(0, size).Select(i => i * 10), r.ranks);
            Assert.Equal([size - 1, size - 1, size - 1], r.Item4);
            Assert.Equal("threads", r.Backend);
            Assert.Equal(size, r.Size);
        }
    }

    [Fact]
    public void DisjointGroupsRunTheirOwnCollectives()
    {
        var results = RankRunner.Run(4, ctx =>
        {
            int[] members = ctx.Rank < 2 ? [0, 1] : [2, 3];
            using var group = ctx.CreateGroup(members, tag: ctx.Rank < 2 ? 1 : 2);
            return (group.Rank, group.Size, Sum: group.AllReduce(ctx.Rank, ReduceOp.Sum));
        });
        Assert.Equal([(0, 2, 1), (1, 2, 1), (0, 2, 5), (1, 2, 5)], results);
    }

    [Fact]
    public void BadArgumentsAreClearErrors()
    {
        RankRunner.Run(2, ctx =>
        {
            var e = Assert.ThrowsAny<DeepRcException>(() => ctx.CreateGroup([1 - ctx.Rank], tag: 9));
            Assert.Contains("not in the group", e.Message);
            byte[] b = [1];
            Assert.Contains("root 5", Assert.ThrowsAny<DeepRcException>(() => ctx.Broadcast(b.AsSpan(), 5)).Message);
            return 0;
        });
    }

    [Fact]
    public void NcclReportsWhyItIsUnavailableWithoutAGpu()
    {
        string? reason = DeepRcContext.NcclUnavailableReason();
        if (reason is null) return;  // a GPU machine with NCCL: nothing to check here
        Assert.StartsWith("NCCL not available", reason);
    }
}
