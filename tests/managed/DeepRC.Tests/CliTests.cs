namespace DeepRC.Tests;

public class CliTests
{
    [Fact]
    public void GenConvertHeadSchemaRoundTrip()
    {
        string dir = Reference.TempDir();
        string csv = Path.Combine(dir, "w4.csv"), arrow = Path.Combine(dir, "w4.arrow"), back = Path.Combine(dir, "back.csv");
        Assert.Equal(0, CliRunner.Run("gen", "W4", "--rows", "1000", "-o", csv).Code);
        var conv = CliRunner.Run("convert", csv, arrow);
        Assert.Equal(0, conv.Code);
        Assert.Contains("1000 rows x 4 columns", conv.Out, StringComparison.Ordinal);
        Assert.Equal(0, CliRunner.Run("convert", arrow, back).Code);
        Assert.Equal(File.ReadAllText(csv), File.ReadAllText(back));

        var schema = CliRunner.Run("schema", arrow);
        Assert.Equal(0, schema.Code);
        Assert.Matches(@"a\s+int64", schema.Out);
        Assert.Matches(@"d\s+utf8", schema.Out);

        var head = CliRunner.Run("head", arrow, "-n", "3");
        Assert.Equal(0, head.Code);
        using var t = Table.Generate("W4", 1000);
        using var d = t.Column("d");
        Assert.Contains(d.GetString(2)!, head.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(d.GetString(3)!, head.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void GenShareEqualsSliceOfWhole()
    {
        string dir = Reference.TempDir();
        string part = Path.Combine(dir, "part.arrow");
        Assert.Equal(0, CliRunner.Run("gen", "W1R", "--rows", "100", "--start", "40", "--count", "30", "-o", part).Code);
        using var share = Table.ReadArrow(part);
        using var whole = Table.Generate("W1R", 100);
        using var slice = whole.Slice(40, 30);
        Assert.True(share.ContentEquals(slice));
    }

    [Fact]
    public void ConvertWithExplicitSchema()
    {
        string dir = Reference.TempDir();
        string csv = Path.Combine(dir, "in.csv"), arrow = Path.Combine(dir, "out.arrow");
        File.WriteAllText(csv, "id,when,score\n1,2024-01-02T03:04:05Z,1.5\n2,,\n");
        var r = CliRunner.Run("convert", csv, arrow, "--schema", "id:int16,when:timestamp[ms, tz=UTC],score:float32");
        Assert.True(r.Code == 0, r.Err);
        using var t = Table.ReadArrow(arrow);
        Assert.Equal(DataType.Int16, t.Schema["id"].Type);
        Assert.Equal(DataType.Timestamp(TimeUnit.Millisecond, "UTC"), t.Schema["when"].Type);
        using var when = t.Column("when");
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), when.GetValue(0));
        Assert.True(when.IsNull(1));
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, CliRunner.Run("frobnicate").Code);
        Assert.Equal(2, CliRunner.Run("gen", "W4", "-o", "x.csv").Code);            // --rows missing
        Assert.Equal(2, CliRunner.Run("gen", "W9", "--rows", "5", "-o", "x.csv").Code);
        Assert.Equal(2, CliRunner.Run("gen", "W4", "--rows", "5", "-o", "x.parquet").Code);
        Assert.Equal(2, CliRunner.Run("head", "x.csv", "-n", "-3").Code);
        var bad = CliRunner.Run("convert", "a.csv", "b.arrow", "--schema", "a:decimal");
        Assert.Equal(2, bad.Code);
        Assert.Contains("decimal", bad.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void DataErrorsExitWithOneAndNameFileRowColumn()
    {
        string dir = Reference.TempDir();
        string csv = Path.Combine(dir, "bad.csv"), arrow = Path.Combine(dir, "out.arrow");
        File.WriteAllText(csv, "k,v\n1,2\n3,x\n");
        var r = CliRunner.Run("convert", csv, arrow, "--schema", "k:int64,v:int64");
        Assert.Equal(1, r.Code);
        Assert.Contains("bad.csv", r.Err, StringComparison.Ordinal);
        Assert.Contains("3", r.Err, StringComparison.Ordinal);
        Assert.Contains("'v'", r.Err.Replace("\"", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.False(File.Exists(arrow), "no output on failure");

        var missing = CliRunner.Run("schema", Path.Combine(dir, "nope.arrow"));
        Assert.Equal(1, missing.Code);
        Assert.Contains("nope.arrow", missing.Err, StringComparison.Ordinal);

        File.WriteAllBytes(Path.Combine(dir, "junk.arrow"), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var junk = CliRunner.Run("head", Path.Combine(dir, "junk.arrow"));
        Assert.Equal(1, junk.Code);
        Assert.Contains("junk.arrow", junk.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void BenchPrintsAnchorFormatLines()
    {
        var r = CliRunner.Run("bench", "csv", "--rows", "20000", "--reps", "1", "--threads", "1");
        Assert.True(r.Code == 0, r.Err);
        Assert.Matches(@"bench=deeprc op=csv_read rows=20000 threads=1 .*seconds=[0-9.]+ .*rows_per_s=[0-9]+ out_rows=20000", r.Out);
        var i = CliRunner.Run("bench", "ipc", "--rows", "20000", "--reps", "1");
        Assert.True(i.Code == 0, i.Err);
        Assert.Matches(@"bench=deeprc op=ipc_read rows=20000 .*gb_per_s=[0-9.]+", i.Out);
    }

    [Fact]
    public void DemoRunsEndToEnd()
    {
        string dir = Reference.TempDir();
        var r = CliRunner.Run("demo", "--dir", dir, "--stations", "8", "--hours", "48");
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("verified", r.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir, "observations.arrow")));
        using var obs = Table.ReadArrow(Path.Combine(dir, "observations.arrow"));
        Assert.Equal(64 * 48, obs.NumRows);
    }
}
