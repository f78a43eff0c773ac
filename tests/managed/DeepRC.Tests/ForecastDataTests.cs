namespace DeepRC.Tests;

/// <summary>The forecasting data sets through C# and the CLI (the models are checked natively).</summary>
public class ForecastDataTests
{
    [Fact]
    public void HydrologyHasBasinMajorDailyRowsAndStaticAttributes()
    {
        using var t = Table.GenerateHydrology(basins: 3, days: 500, seed: 5);
        Assert.Equal(1500, t.NumRows);
        Assert.Equal(
            ["basin", "date", "prcp", "srad", "tmax", "tmin", "vp", "runoff",
             "area_km2", "elev_m", "aridity", "frac_forest", "soil_capacity_mm", "baseflow_k"],
            t.Schema.Select(f => f.Name));
        using var basin = t.Column("basin");
        using var area = t.Column("area_km2");
        using var runoff = t.Column("runoff");
        var b = basin.Values<int>();
        var a = area.Values<double>();
        for (int i = 0; i < 1500; i++)
        {
            Assert.Equal(i / 500, b[i]);
            Assert.Equal(a[i / 500 * 500], a[i]);
        }
        Assert.All(runoff.Values<double>().ToArray(), q => Assert.True(q >= 0));
        using var again = Table.GenerateHydrology(3, 500, seed: 5);
        Assert.True(again.ContentEquals(t));
    }

    [Fact]
    public void EttIsHourlyAndBadArgumentsAreNamed()
    {
        using var t = Table.GenerateEtt(48);
        Assert.Equal(48, t.NumRows);
        Assert.Equal(["date", "HUFL", "HULL", "MUFL", "MULL", "LUFL", "LULL", "OT"], t.Schema.Select(f => f.Name));
        var e = Assert.Throws<DeepRcInvalidException>(() => Table.GenerateHydrology(0, 10));
        Assert.Contains("basins", e.Message, StringComparison.Ordinal);
        Assert.Throws<DeepRcInvalidException>(() => Table.GenerateEtt(0));
    }

    [Fact]
    public void CliGeneratesBothSetsAndRejectsBadOptions()
    {
        string dir = Reference.TempDir();
        string hydro = Path.Combine(dir, "hydro.arrow"), ett = Path.Combine(dir, "ett.csv");
        var r = CliRunner.Run("gen", "hydrology", "--basins", "2", "--days", "100", "-o", hydro);
        Assert.Equal(0, r.Code);
        Assert.Contains("200 rows x 14 columns", r.Out, StringComparison.Ordinal);
        using (var back = Table.ReadArrow(hydro))
        using (var direct = Table.GenerateHydrology(2, 100))
            Assert.True(back.ContentEquals(direct));
        Assert.Equal(0, CliRunner.Run("gen", "ett", "--rows", "24", "-o", ett).Code);
        Assert.Equal(25, File.ReadAllLines(ett).Length);
        var bad = CliRunner.Run("gen", "hydrology", "--basins", "0", "-o", Path.Combine(dir, "bad.arrow"));
        Assert.Equal(1, bad.Code);
        Assert.Contains("basins", bad.Err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir, "bad.arrow")));
    }
}
