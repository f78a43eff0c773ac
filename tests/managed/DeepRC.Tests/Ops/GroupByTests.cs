namespace DeepRC.Tests.Ops;

public class GroupByTests
{
    private static Table Sample()
    {
        using var k = ColumnFactory.FromStrings(new[] { "b", "a", null, "b", "a", "é", null });
        using var v = ColumnFactory.FromNullable(new double?[] { 1, 2, 3, null, 5, double.NaN, 7 });
        using var w = ColumnFactory.FromNullable(new long?[] { 10, 20, 30, 40, null, 60, 70 });
        return Table.FromColumns(("k", k), ("v", v), ("w", w));
    }

    [Fact]
    public void GroupByAggregatesInFirstAppearanceOrder()
    {
        using var t = Sample();
        using var r = t.GroupBy("k").Aggregate(Agg.Sum("v"), Agg.Mean("v"), Agg.Count("w"), Agg.Quantile("v", 0.9).As("p90"),
                                               Agg.CountAll(), Agg.Max("k").As("kmax"), Agg.Sum("w"));
        Assert.Equal(new[] { "k", "v_sum", "v_mean", "w_count", "p90", "count_all", "kmax", "w_sum" }, r.Schema.Select(f => f.Name).ToArray());
        Assert.Equal(4, r.NumRows);
        using var k = r.Column("k");
        Assert.Equal(new string?[] { "b", "a", null, "é" }, Enumerable.Range(0, 4).Select(i => k.GetString(i)).ToArray());
        using var sum = r.Column("v_sum");
        Assert.Equal(1.0, sum.GetValue(0));
        Assert.Equal(7.0, sum.GetValue(1));
        Assert.Equal(10.0, sum.GetValue(2));
        Assert.True(double.IsNaN((double)sum.GetValue(3)!));
        using var count = r.Column("w_count");
        Assert.Equal(new long[] { 2, 1, 2, 1 }, count.Values<long>().ToArray());
        using var p90 = r.Column("p90");
        Assert.Equal(3 + 0.9 * 4, (double)p90.GetValue(2)!, 12);
        using var wsum = r.Column("w_sum");
        Assert.Equal(TypeId.Int64, wsum.Type.Id);
        Assert.Equal(100L, wsum.GetValue(2));
    }

    [Fact]
    public void ResultsIdenticalForEveryThreadCount()
    {
        using var t = Table.Generate("W3", 300_000);
        using var one = t.GroupBy("key").WithThreads(1).Aggregate(Agg.Sum("v"), Agg.Mean("v"), Agg.Var("v"), Agg.Median("v"));
        Assert.Equal(30_000, one.NumRows, 200.0);
        foreach (int threads in new[] { 2, 3, 0 })
        {
            using var many = t.GroupBy("key").WithThreads(threads).Aggregate(Agg.Sum("v"), Agg.Mean("v"), Agg.Var("v"), Agg.Median("v"));
            Assert.True(one.ContentEquals(many), $"threads {threads}");
        }
    }

    [Fact]
    public void ScalarAggregates()
    {
        using var t = Sample();
        using var w = t.Column("w");
        Assert.Equal(230L, w.Sum());
        Assert.Equal(10L, w.Min());
        Assert.Equal(70L, w.Max());
        Assert.Equal(6L, w.Count());
        Assert.Equal(7L, w.CountAll());
        Assert.Equal(230.0 / 6, w.Mean()!.Value, 12);
        Assert.Equal(35.0, w.Median()!.Value, 12);
        Assert.Equal(6L, w.NUnique());
        using var k = t.Column("k");
        Assert.Equal("é", k.Max());
        Assert.Equal("b", k.First());
        Assert.Equal(3L, k.NUnique());
        using var empty = w.Slice(0, 0);
        Assert.Null(empty.Sum());
        Assert.Null(empty.Var());
        Assert.Equal(0L, empty.Count());
        using var raw = w.Aggregate(AggFunc.StdPop);
        Assert.Equal(1, raw.Length);
        Assert.Equal(TypeId.Float64, raw.Type.Id);
    }

    [Fact]
    public void Errors()
    {
        using var t = Sample();
        var nf = Assert.Throws<DeepRcNotFoundException>(() => t.GroupBy("nope").Aggregate(Agg.Sum("v")));
        Assert.Contains("nope", nf.Message, StringComparison.Ordinal);
        var bad = Assert.Throws<DeepRcInvalidException>(() => t.GroupBy("v").Aggregate(Agg.Sum("k")));
        Assert.Contains("'k'", bad.Message, StringComparison.Ordinal);
        var dup = Assert.Throws<DeepRcInvalidException>(() => t.GroupBy("k").Aggregate(Agg.Sum("v"), Agg.Mean("v").As("v_sum")));
        Assert.Contains("duplicate", dup.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Agg.Quantile("v", 1.5));
        Assert.Throws<DeepRcInvalidException>(() => t.GroupBy("k").Aggregate(new Agg("v", AggFunc.Quantile, 2.0)));
        Assert.Throws<ArgumentException>(() => t.GroupBy());
        using var k = t.Column("k");
        Assert.Throws<DeepRcInvalidException>(() => k.Mean());
    }

    [Fact]
    public void AggRecordIsImmutable()
    {
        var a = Agg.Quantile("v", 0.25);
        var b = a.As("q");
        Assert.Null(a.Alias);
        Assert.Equal("q", b.Alias);
        Assert.Equal(a with { Alias = "q" }, b);
    }

    [Fact]
    public void Cli()
    {
        string dir = Reference.TempDir();
        string input = Path.Combine(dir, "w3.arrow"), output = Path.Combine(dir, "g.csv");
        Assert.Equal(0, CliRunner.Run("gen", "W3", "--rows", "2000", "-o", input).Code);
        var r = CliRunner.Run("groupby", input, "--by", "key", "--agg", "v:sum,v:mean,v:count,v:quantile=0.9,v:median:med,:count_all", "--threads", "2", "-o", output);
        Assert.Equal(0, r.Code);
        Assert.Contains("groups x 7 columns", r.Out, StringComparison.Ordinal);
        Assert.StartsWith("key,v_sum,v_mean,v_count,v_q90,med,count_all", File.ReadAllText(output), StringComparison.Ordinal);
        using var back = Table.Read(output);
        using var w3 = Table.Generate("W3", 2000);
        using var expected = w3.GroupBy("key").Aggregate(Agg.Sum("v"));
        Assert.Equal(expected.NumRows, back.NumRows);

        var missing = CliRunner.Run("groupby", input, "--by", "nokey", "--agg", "v:sum", "-o", output);
        Assert.Equal(1, missing.Code);
        Assert.Contains("nokey", missing.Err, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("groupby", input, "--by", "key", "--agg", "v:bogus", "-o", output).Code);
        Assert.Equal(2, CliRunner.Run("groupby", input, "--by", "key", "--agg", "v:quantile=1.5", "-o", output).Code);
        Assert.Equal(2, CliRunner.Run("groupby", input, "--by", "key", "-o", output).Code);

        var bench = CliRunner.Run("bench", "groupby", "--rows", "5000", "--reps", "1", "--threads", "2");
        Assert.Equal(0, bench.Code);
        Assert.Contains("op=groupby rows=5000", bench.Out, StringComparison.Ordinal);
    }
}
