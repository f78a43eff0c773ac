namespace DeepRC.Tests.Distributed;

/// <summary>
/// Operators on tables bound to a thread-group context equal the local operator on the whole
/// input: every rank holds a share, the distributed result is gathered and compared with the
/// local result (as multisets; sort and slices in global order).
/// </summary>
public class DistributedOperatorTests
{
    private const long N = 6000;

    // Skewed, with nulls and strings: a hot key holding a third of the rows, null keys, string
    // keys with nulls and non-ASCII text, float payloads. `seed` varies the tables.
    private static Table Input(string name)
    {
        ulong seed = (ulong)name.GetHashCode(StringComparison.Ordinal) & 0xffff;
        var keys = new long?[N];
        var strings = new string?[N];
        var values = new double?[N];
        for (long i = 0; i < N; i++)
        {
            ulong u = Reference.Mix(seed, 1, (ulong)i);
            keys[i] = i % 3 == 0 ? 7 : u % 29 == 0 ? null : (long)(u % 500);
            strings[i] = u % 11 == 0 ? null : "s" + (u % 13) + (u % 2 == 0 ? "é" : "");
            values[i] = u % 17 == 0 ? null : Reference.UnitFloat(Reference.Mix(seed, 2, (ulong)i));
        }
        var columns = new (string, Column)[]
        {
            ("key", ColumnFactory.FromNullable<long>(keys)),
            ("s", ColumnFactory.FromStrings(strings)),
            ("v", ColumnFactory.FromNullable<double>(values)),
        };
        try
        {
            return Table.FromColumns(columns);
        }
        finally
        {
            foreach (var (_, c) in columns) c.Dispose();
        }
    }

    public static TheoryData<int> Sizes => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void JoinEqualsLocalJoin(int size)
    {
        using var l = Input("W1L");
        using var r = Input("W1R");
        foreach (var how in new[] { JoinType.Inner, JoinType.Left, JoinType.Full, JoinType.Anti })
        {
            using var local = l.Join(r, ["key", "s"], how);
            var expected = RankRunner.SortedRows(local);
            var got = RankRunner.Run(size, ctx =>
            {
                using var lp = RankRunner.Share(l, ctx);
                using var rp = RankRunner.Share(r, ctx);
                using var joined = lp.Join(rp, ["key", "s"], how);
                Assert.Same(ctx, joined.Context);
                using var all = joined.Gather(0);
                return ctx.Rank == 0 ? RankRunner.SortedRows(all) : null;
            })[0];
            Assert.Equal(expected, got);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void GroupByEqualsLocalGroupBy(int size)
    {
        using var t = Input("W3");
        Agg[] aggs = [Agg.Sum("key"), Agg.Count("s"), Agg.CountAll(), Agg.Min("s"), Agg.Max("v"), Agg.First("v"), Agg.Median("v")];
        using var local = t.GroupBy("s").Aggregate(aggs);
        var expected = RankRunner.SortedRows(local);
        var got = RankRunner.Run(size, ctx =>
        {
            using var part = RankRunner.Share(t, ctx);
            using var grouped = part.GroupBy("s").Aggregate(aggs);
            using var all = grouped.AllGather();
            return RankRunner.SortedRows(all);
        });
        foreach (var g in got) Assert.Equal(expected, g);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SortIsGloballyOrderedAndEqualsLocalSort(int size)
    {
        using var t = Input("W2");
        SortKey[] keys = [SortKey.Asc("key"), SortKey.Desc("s").NullsFirst()];
        using var local = t.Sort(keys);
        var expected = RankRunner.Rows(local);
        var got = RankRunner.Run(size, ctx =>
        {
            using var part = RankRunner.Share(t, ctx);
            using var sorted = part.Sort(keys);
            using var all = sorted.Gather(0);
            return (ctx.Rank == 0 ? RankRunner.Rows(all) : null, sorted.NumRows);
        });
        Assert.Equal(expected, got[0].Item1);
        // The hot key (a third of the rows) does not land on one rank.
        if (size > 1) Assert.All(got, g => Assert.True(g.NumRows < N * 2 / size, $"{g.NumRows} rows on one rank"));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void UniqueSetOpsSlicesAndAggregatesEqualLocal(int size)
    {
        using var a = Input("W5");
        using var b = Input("W1R");
        using var ak = a.Select("key", "s");
        using var bk = b.Select("key", "s");
        using var localUnique = a.Unique(Keep.First, ["key"], 0);
        using var localUnion = ak.Union(bk);
        using var localDiff = ak.Difference(bk);
        using var localSlice = a.Slice(N / 3, 1000);
        using var localTail = a.Tail(17);
        using var vcol = a.Column("v");
        double localMean = vcol.Mean()!.Value;
        double localMedian = vcol.Median()!.Value;
        var got = RankRunner.Run(size, ctx =>
        {
            using var ap = RankRunner.Share(a, ctx);
            using var bp = RankRunner.Share(b, ctx);
            using var akp = ap.Select("key", "s");
            using var bkp = bp.Select("key", "s");
            using var unique = ap.Unique(Keep.First, ["key"], 0);
            using var union = akp.Union(bkp);
            using var diff = akp.Difference(bkp);
            using var slice = ap.Slice(N / 3, 1000);
            using var tail = ap.Tail(17);
            using var mean = ap.Aggregate("v", AggFunc.Mean);
            using var median = ap.Aggregate("v", AggFunc.Median);
            using var rebalanced = ap.Slice(0, N / 2).Rebalance();
            using var u = unique.Gather(0);
            using var un = union.Gather(0);
            using var d = diff.Gather(0);
            using var s = slice.Gather(0);
            using var tl = tail.Gather(0);
            return (U: RankRunner.SortedRows(u), Un: RankRunner.SortedRows(un), D: RankRunner.SortedRows(d),
                    S: RankRunner.Rows(s), T: RankRunner.Rows(tl), Mean: (double)mean.GetValue(0)!,
                    Median: (double)median.GetValue(0)!, Count: ap.CountRows(), Balanced: rebalanced.NumRows);
        });
        Assert.Equal(RankRunner.SortedRows(localUnique), got[0].U);
        Assert.Equal(RankRunner.SortedRows(localUnion), got[0].Un);
        Assert.Equal(RankRunner.SortedRows(localDiff), got[0].D);
        Assert.Equal(RankRunner.Rows(localSlice), got[0].S);
        Assert.Equal(RankRunner.Rows(localTail), got[0].T);
        foreach (var g in got)
        {
            Assert.Equal(localMean, g.Mean, 1e-12);
            Assert.Equal(localMedian, g.Median);
            Assert.Equal(N, g.Count);
            Assert.InRange(g.Balanced, N / 2 / size, N / 2 / size + 1);
        }
    }

    [Fact]
    public void WriteDistributedAndReadBackPerRankAndGathered()
    {
        using var t = Input("W4");
        string dir = Reference.TempDir();
        string perRank = Path.Combine(dir, "part.arrow"), gathered = Path.Combine(dir, "all.csv");
        var got = RankRunner.Run(3, ctx =>
        {
            using var part = RankRunner.Share(t, ctx);
            part.WriteDistributed(perRank, gather: false);
            part.WriteDistributed(gathered, gather: true);
            ctx.Barrier();
            using var back = ctx.ReadArrow(Enumerable.Range(0, 3).Select(r => Table.RankPath(perRank, r)).ToArray());
            using var all = back.Gather(0);
            return ctx.Rank == 0 ? RankRunner.Rows(all) : null;
        });
        Assert.Equal(RankRunner.Rows(t), got[0]);
        Assert.Equal("part.rank2.arrow", Path.GetFileName(Table.RankPath(perRank, 2)));
        using var csv = Table.ReadCsv(gathered);
        Assert.Equal(N, csv.NumRows);
    }

    [Fact]
    public void MixingBoundAndUnboundTablesIsAnError()
    {
        using var t = Input("W1L");
        RankRunner.Run(2, ctx =>
        {
            using var bound = RankRunner.Share(t, ctx);
            var e = Assert.Throws<ArgumentException>(() => bound.Join(t, "key"));
            Assert.Contains("bound", e.Message);
            Assert.Throws<InvalidOperationException>(() => t.Rebalance());
            return 0;
        });
    }

    [Fact]
    public void SchemaMismatchBetweenRanksIsReportedOnEveryRank()
    {
        using var t = Input("W1L");
        var messages = RankRunner.Run(3, ctx =>
        {
            using var part = RankRunner.Share(t, ctx);
            using var odd = ctx.Rank == 2 ? ctx.Bind(part.Select("v", "key", "s")) : ctx.Bind(part);
            var e = Assert.ThrowsAny<DeepRcException>(() => odd.Sort(SortKey.Asc("key")));
            return e.Message;
        });
        Assert.All(messages, m => Assert.Contains("rank 2", m));
    }
}
