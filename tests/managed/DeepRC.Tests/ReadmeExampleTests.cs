namespace DeepRC.Tests;

/// <summary>The README's C# examples, run as written (on the demo data set), so the README stays true.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void RelationalOperatorsExampleRuns()
    {
        using var obs = Table.Generate("observations", 64 * 48);
        using var left = Table.Generate("stations", 64);
        using var right = obs.Select("station_id", "temperature_c");
        using var a = obs.Head(100);
        using var b = obs.Slice(50, 100);

        using var joined = left.Join(right, on: "station_id", how: JoinType.Left);
        using var sorted = obs.Sort(SortKey.Asc("station_id"), SortKey.Desc("time").NullsFirst());
        using var stats = obs.GroupBy("station_id")
                             .Aggregate(Agg.Mean("temperature_c"), Agg.Quantile("streamflow_m3s", 0.9).As("q90"), Agg.CountAll());
        using var wet = obs.Filter(Expr.Col("precipitation_mm") > 5.0 & Expr.Col("quality") != "missing");
        using var withFlow = obs.WithColumn("flow_l_s", Expr.Col("streamflow_m3s") * 1000);
        using var distinct = obs.Unique("station_id");
        using var both = a.Intersect(b);
        using var temperature = obs.Column("temperature_c");
        double? meanTemp = temperature.Mean();

        Assert.Equal(64 * 48, joined.NumRows);
        Assert.Equal(64, stats.NumRows);
        Assert.Equal(["station_id", "temperature_c_mean", "q90", "count_all"], stats.Schema.Names);
        Assert.Equal(64, distinct.NumRows);
        Assert.Equal(50, both.NumRows);
        Assert.True(wet.NumRows < obs.NumRows);
        Assert.Equal(obs.NumColumns + 1, withFlow.NumColumns);
        Assert.True(sorted.IsSorted(SortKey.Asc("station_id"), SortKey.Desc("time").NullsFirst()));
        Assert.NotNull(meanTemp);
    }
}
