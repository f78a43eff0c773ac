using DeepRC.Cli;

namespace DeepRC.Tests.Ops;

public class UniqueTests
{
    // Rows (k, s) with duplicates, nulls and non-ASCII strings.
    private static Table Sample(int seed, int n)
    {
        var rng = new Random(seed);
        var k = new long?[n];
        var s = new string?[n];
        string?[] pool = ["", "a", "é", "日本", null];
        for (int i = 0; i < n; i++)
        {
            k[i] = rng.Next(10) == 0 ? null : rng.Next(6);
            s[i] = pool[rng.Next(pool.Length)];
        }
        using var kc = ColumnFactory.FromNullable(k);
        using var sc = ColumnFactory.FromStrings(s);
        return Table.FromColumns(("k", kc), ("s", sc));
    }

    private static List<string> Rows(Table t)
    {
        var cols = Enumerable.Range(0, t.NumColumns).Select(t.Column).ToArray();
        var rows = new List<string>();
        for (long i = 0; i < t.NumRows; i++)
            rows.Add(string.Join("|", cols.Select(c => c.GetValue(i)?.ToString() ?? "<null>")));
        foreach (var c in cols) c.Dispose();
        return rows;
    }

    // LINQ reference: rows in input order, keyed by the selected columns.
    private static List<string> Expected(Table t, Keep keep, params int[] keyCols)
    {
        var rows = Rows(t);
        string Key(string row) => string.Join("|", keyCols.Select(c => row.Split('|')[c]));
        var groups = rows.Select((r, i) => (r, i)).GroupBy(x => Key(x.r)).ToList();
        var kept = keep switch
        {
            Keep.First => groups.Select(g => g.First()),
            Keep.Last => groups.Select(g => g.Last()),
            _ => groups.Where(g => g.Count() == 1).Select(g => g.First()),
        };
        return kept.OrderBy(x => x.i).Select(x => x.r).ToList();
    }

    [Fact]
    public void UniqueMatchesReferenceForEveryKeepAndThreadCount()
    {
        for (int seed = 0; seed < 8; seed++)
        {
            using var t = Sample(seed, seed == 0 ? 0 : 60 + seed);
            foreach (var keep in new[] { Keep.First, Keep.Last, Keep.None })
            {
                foreach (int threads in new[] { 1, 2, 3 })
                {
                    using var byK = t.Unique(keep, ["k"], threads);
                    Assert.Equal(Expected(t, keep, 0), Rows(byK));
                    using var all = t.Unique(keep, [], threads);
                    Assert.Equal(Expected(t, keep, 0, 1), Rows(all));
                }
            }
        }
        using var u = Sample(3, 50);
        using var a = u.Unique();
        using var b = u.DropDuplicates(Keep.First, "k", "s");
        Assert.True(a.ContentEquals(b));
        using var c = u.Unique(Keep.Last, "s");
        Assert.Equal(Expected(u, Keep.Last, 1), Rows(c));
    }

    [Fact]
    public void ColumnUniqueKeepsFirstAppearanceOrder()
    {
        using var col = ColumnFactory.FromNullable<double>([2.0, null, -0.0, 0.0, double.NaN, 2.0, null, double.NaN]);
        using var d = col.Unique();
        Assert.Equal(4, d.Length);
        Assert.Equal(2.0, d.GetValue(0));
        Assert.True(d.IsNull(1));
        Assert.Equal(0.0, (double)d.GetValue(2)!);
        Assert.True(double.IsNaN((double)d.GetValue(3)!));
        using var s = ColumnFactory.FromStrings(["b", "a", "b", "", "a"]);
        using var ds = s.Unique(threads: 2);
        Assert.Equal(new[] { "b", "a", "" }, Enumerable.Range(0, (int)ds.Length).Select(i => ds.GetString(i)));
    }

    [Fact]
    public void SetOperationsFollowSqlSemantics()
    {
        using var k1 = ColumnFactory.FromNullable<long>([1, 2, 2, null, 3]);
        using var k2 = ColumnFactory.FromNullable<long>([3, null, 4, 4]);
        using var a = Table.FromColumns(("k", k1));
        using var b = Table.FromColumns(("k", k2));
        using var union = a.Union(b);
        Assert.Equal(["1", "2", "<null>", "3", "4"], Rows(union));
        using var all = a.UnionAll(b, threads: 2);
        Assert.Equal(9, all.NumRows);
        using var inter = a.Intersect(b);
        Assert.Equal(["<null>", "3"], Rows(inter));
        using var diff = a.Difference(b, threads: 1);
        Assert.Equal(["1", "2"], Rows(diff));

        for (int seed = 0; seed < 5; seed++)
        {
            using var x = Sample(seed, 40);
            using var y = Sample(seed + 100, 40);
            var rx = Rows(x);
            var ry = Rows(y);
            using var u = x.Union(y);
            Assert.Equal(rx.Concat(ry).Distinct().ToList(), Rows(u));
            using var i = x.Intersect(y);
            Assert.Equal(rx.Distinct().Where(ry.Contains).ToList(), Rows(i));
            using var d = x.Difference(y);
            Assert.Equal(rx.Distinct().Where(r => !ry.Contains(r)).ToList(), Rows(d));
        }
    }

    [Fact]
    public void ErrorsNameTheColumn()
    {
        using var t = Sample(1, 10);
        var nf = Assert.Throws<DeepRcNotFoundException>(() => t.Unique("k", "missing"));
        Assert.Contains("missing", nf.Message, StringComparison.Ordinal);
        using var s = ColumnFactory.FromStrings(["x"], large: true);
        using var k = ColumnFactory.FromNullable<long>([1]);
        using var other = Table.FromColumns(("k", k), ("s", s));
        var inv = Assert.Throws<DeepRcInvalidException>(() => t.Union(other));
        Assert.Contains("'s' (utf8)", inv.Message, StringComparison.Ordinal);
        Assert.Contains("large_utf8", inv.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => t.Unique((Keep)7, "k"));
    }

    [Fact]
    public void CliUniqueAndSetOp()
    {
        string dir = Reference.TempDir();
        string a = Path.Combine(dir, "a.csv"), b = Path.Combine(dir, "b.csv"), outPath = Path.Combine(dir, "out.arrow");
        File.WriteAllText(a, "k,s\n1,x\n2,y\n1,z\n3,x\n");
        File.WriteAllText(b, "k,s\n3,x\n4,w\n");

        var r = CliRunner.Run("unique", a, "--on", "k", "--keep", "last", "-o", outPath, "--threads", "2");
        Assert.True(r.Code == 0, r.Err);
        using (var t = Table.ReadArrow(outPath))
            Assert.Equal(["2|y", "1|z", "3|x"], Rows(t));
        r = CliRunner.Run("unique", a, "--on", "k", "--keep", "none", "-o", outPath);
        Assert.True(r.Code == 0, r.Err);
        using (var t = Table.ReadArrow(outPath))
            Assert.Equal(["2|y", "3|x"], Rows(t));

        r = CliRunner.Run("setop", "difference", a, b, "-o", outPath);
        Assert.True(r.Code == 0, r.Err);
        using (var t = Table.ReadArrow(outPath))
            Assert.Equal(["1|x", "2|y", "1|z"], Rows(t));
        r = CliRunner.Run("setop", "union-all", a, b, "-o", outPath);
        Assert.True(r.Code == 0, r.Err);
        using (var t = Table.ReadArrow(outPath))
            Assert.Equal(6, t.NumRows);

        var missing = CliRunner.Run("unique", a, "--on", "nope", "-o", outPath);
        Assert.Equal(CliApp.DataError, missing.Code);
        Assert.Contains("nope", missing.Err, StringComparison.Ordinal);
        Assert.Equal(CliApp.UsageError, CliRunner.Run("unique", a, "--keep", "middle", "-o", outPath).Code);
        Assert.Equal(CliApp.UsageError, CliRunner.Run("setop", "xor", a, b, "-o", outPath).Code);
        string c = Path.Combine(dir, "c.csv");
        File.WriteAllText(c, "k,t\n1,x\n");
        var mismatch = CliRunner.Run("setop", "union", a, c, "-o", outPath);
        Assert.Equal(CliApp.DataError, mismatch.Code);
        Assert.Contains("'t'", mismatch.Err, StringComparison.Ordinal);

        var bench = CliRunner.Run("bench", "drop_duplicates", "--rows", "1000", "--reps", "1", "--threads", "2");
        Assert.True(bench.Code == 0, bench.Err);
        Assert.Contains("op=drop_duplicates rows=1000 threads=2", bench.Out, StringComparison.Ordinal);
        bench = CliRunner.Run("bench", "unique", "--rows", "1000", "--reps", "1");
        Assert.True(bench.Code == 0, bench.Err);
        Assert.Contains("op=unique", bench.Out, StringComparison.Ordinal);
    }
}
