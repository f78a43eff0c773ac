namespace DeepRC.Tests.Ops;

public class ExprTests
{
    private static Table Sample()
    {
        using var v = ColumnFactory.FromNullable<long>([1, 5, null, 9, 4]);
        using var k = ColumnFactory.FromNullable<long>([7, 2, 3, 7, 1]);
        using var name = ColumnFactory.FromStrings(["a", "b", "it's", null, "日本"]);
        using var odd = ColumnFactory.FromNullable<double>([0.5, double.NaN, 2, -1, null]);
        return Table.FromColumns(("v", v), ("k", k), ("name", name), ("odd \"col\" and", odd));
    }

    [Fact]
    public void BuilderProducesCanonicalText()
    {
        Assert.Equal("((v > 3) and (k != 7))", (Expr.Col("v") > 3 & Expr.Col("k") != 7).ToString());
        Assert.Equal("(name in ('a', 'b'))", Expr.Col("name").In("a", "b").ToString());
        Assert.Equal("(x is null)", Expr.Col("x").IsNull().ToString());
        Assert.Equal("((a + b) * 2)", ((Expr.Col("a") + Expr.Col("b")) * 2).ToString());
        Assert.Equal("cast(d as int32)", Expr.Col("d").Cast(DataType.Int32).ToString());
        Assert.Equal("cast(d as timestamp[ms, tz=UTC])", Expr.Col("d").Cast(DataType.Timestamp(TimeUnit.Millisecond, "UTC")).ToString());
        Assert.Equal("(\"odd \"\"col\"\" and\" = 'it''s')", (Expr.Col("odd \"col\" and") == "it's").ToString());
        Assert.Equal("(\"and\" or \"1st\")", (Expr.Col("and") | Expr.Col("1st")).ToString());
        Assert.Equal("(größe < 2.5)", (Expr.Col("größe") < 2.5).ToString());
        Assert.Equal("(d >= date '2024-01-31')", (Expr.Col("d") >= new DateOnly(2024, 1, 31)).ToString());
        Assert.Equal("(t < timestamp '2024-01-31T10:00:00.000000Z')",
            (Expr.Col("t") < new DateTime(2024, 1, 31, 10, 0, 0, DateTimeKind.Utc)).ToString());
        Assert.Equal("(((f = nan) or (f = -inf)) or (f = 3.0))", (Expr.Col("f") == double.NaN | Expr.Col("f") == double.NegativeInfinity | Expr.Col("f") == 3.0).ToString());
        Assert.Equal("(not (x in (1, null)))", Expr.Col("x").NotIn(1L, Expr.Null).ToString());
        Assert.Equal("(-x)", (-Expr.Col("x")).ToString());
        Assert.Throws<ArgumentException>(() => Expr.Col("a\0b"));
        Assert.Throws<ArgumentException>(() => Expr.Col(""));
    }

    [Fact]
    public void BuiltTextParsesToTheSameCanonicalText()
    {
        Expr[] exprs =
        [
            Expr.Col("odd \"col\" and") == "x'y\"z é 日本",
            (Expr.Col("a") - -5) * 2 % 3 / Expr.Col("b"),
            Expr.Col("x").Between(1, 10) & !Expr.Col("y").IsNotNull(),
            Expr.Col("f") > -0.0 | Expr.Col("f") < 1e300 | Expr.Col("f") == double.PositiveInfinity,
            Expr.Col("u") == Expr.Lit(ulong.MaxValue),
            Expr.Col("s").Cast(DataType.LargeUtf8) == "",
        ];
        foreach (var e in exprs) Assert.Equal(e.ToString(), Expr.Parse(e.ToString()).ToString());
        Assert.Equal("((v > 3) and (k != 7))", Expr.Parse("V > 3 AND k <> 7".Replace("V", "v", StringComparison.Ordinal)).ToString());
        Assert.True(Expr.Parse("a+1").Equals(Expr.Col("a") + 1));
    }

    [Fact]
    public void FilterEvaluateWithColumn()
    {
        using var t = Sample();
        using var f = t.Filter(Expr.Col("v") > 3 & Expr.Col("k") != 7);
        Assert.Equal(2, f.NumRows);  // v=5,k=2 and v=4,k=1; the null v drops
        using var f2 = t.Filter("v > 3 and k != 7", threads: 2);
        Assert.True(f.ContentEquals(f2));
        using var byName = t.Filter(Expr.Col("name").In("it's", "日本"));
        Assert.Equal(2, byName.NumRows);
        using var odd = t.Filter(Expr.Col("odd \"col\" and") == double.NaN);  // NaN equals NaN
        Assert.Equal(1, odd.NumRows);

        using var sum = t.Evaluate((Expr.Col("v") + Expr.Col("k")) * 2);
        Assert.Equal(DataType.Int64, sum.Type);
        Assert.Equal(16L, sum.GetValue(0));
        Assert.True(sum.IsNull(2));
        using var ratio = t.Evaluate(Expr.Col("v") / 0);
        Assert.Equal(DataType.Float64, ratio.Type);
        Assert.Equal(double.PositiveInfinity, ratio.GetValue(0));

        using var w = t.WithColumn("z", Expr.Col("k").Cast(DataType.Int32));
        Assert.Equal(5, w.NumColumns);
        Assert.Equal(DataType.Int32, w.Schema[4].Type);
        using var replaced = t.WithColumn("k", Expr.Col("k") % 2);
        Assert.Equal(4, replaced.NumColumns);
    }

    [Fact]
    public void ErrorsAreTypedAndNamed()
    {
        using var t = Sample();
        var syntax = Assert.Throws<DeepRcParseException>(() => Expr.Parse("v > (3 and"));
        Assert.Contains("position 10", syntax.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<DeepRcNotFoundException>(() => t.Filter(Expr.Col("nope") > 1));
        Assert.Contains("unknown column 'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("columns: v, k, name", unknown.Message, StringComparison.Ordinal);
        var mismatch = Assert.Throws<DeepRcInvalidException>(() => t.Filter(Expr.Col("v") == "x"));
        Assert.Equal("cannot compare int64 with utf8 in '(v = 'x')'", mismatch.Message);
        var overflow = Assert.Throws<DeepRcInvalidException>(() => t.Evaluate(Expr.Col("v") * long.MaxValue));
        Assert.Contains("integer overflow", overflow.Message, StringComparison.Ordinal);
        Assert.Contains("at row 1", overflow.Message, StringComparison.Ordinal);
        Assert.Throws<DeepRcParseException>(() => t.Filter("v >"));
    }

    [Fact]
    public void RenameCastTailSelect()
    {
        using var t = Sample();
        using var r = t.Rename(("v", "value"), ("name", "label"));
        Assert.Equal(["value", "k", "label", "odd \"col\" and"], r.Schema.Names);
        Assert.Throws<DeepRcNotFoundException>(() => t.Rename(("zz", "a")));
        Assert.Throws<DeepRcInvalidException>(() => t.Rename(("v", "k")));
        using var c = t.CastColumn("k", DataType.Int8);
        Assert.Equal(DataType.Int8, c.Schema[1].Type);
        Assert.Throws<DeepRcNotFoundException>(() => t.CastColumn("zz", DataType.Int8));
        using var tail = t.Tail(2);
        Assert.Equal(2, tail.NumRows);
        using var last = tail.Column("k");
        Assert.Equal(1L, last.GetValue(1));
        using var all = t.Tail(100);
        Assert.Equal(5, all.NumRows);
        using var sel = t.Select("name", "v");
        Assert.Equal(["name", "v"], sel.Schema.Names);
    }

    [Fact]
    public void CliFilterAndSelect()
    {
        string dir = Reference.TempDir();
        string w4 = Path.Combine(dir, "w4.arrow"), kept = Path.Combine(dir, "kept.csv"), sel = Path.Combine(dir, "sel.arrow");
        Assert.Equal(0, CliRunner.Run("gen", "W4", "--rows", "2000", "-o", w4).Code);
        var r = CliRunner.Run("filter", w4, "--where", "b < 0.5 and c > 0", "--threads", "2", "-o", kept);
        Assert.True(r.Code == 0, r.Err);
        using (var all = Table.ReadArrow(w4))
        using (var want = all.Filter("b < 0.5 and c > 0"))
        using (var got = Table.ReadCsv(kept))
        {
            Assert.Equal(want.NumRows, got.NumRows);
            Assert.Contains($"{want.NumRows} of 2000 rows", r.Out, StringComparison.Ordinal);
        }
        var bad = CliRunner.Run("filter", w4, "--where", "b < (0.5 and", "-o", kept);
        Assert.Equal(1, bad.Code);
        Assert.Contains("position", bad.Err, StringComparison.Ordinal);
        var unknown = CliRunner.Run("filter", w4, "--where", "zz > 1", "-o", kept);
        Assert.Equal(1, unknown.Code);
        Assert.Contains("unknown column 'zz'", unknown.Err, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("filter", w4, "-o", kept).Code);  // --where is required

        var s = CliRunner.Run("select", w4, "--columns", "d,a", "--rename", "a=key", "-o", sel);
        Assert.True(s.Code == 0, s.Err);
        using (var back = Table.ReadArrow(sel)) Assert.Equal(["d", "key"], back.Schema.Names);
        Assert.Equal(1, CliRunner.Run("select", w4, "--columns", "nope", "-o", sel).Code);
        Assert.Equal(2, CliRunner.Run("select", w4, "--rename", "a", "-o", sel).Code);
    }
}
