namespace DeepRC.Tests.Ops;

public class SortTests
{
    // string.CompareOrdinal compares UTF-16 code units, which agrees with the native UTF-8 byte
    // (code point) order except for surrogate pairs vs U+E000..U+FFFF; these words avoid that range.
    private static readonly string[] Words = ["", "a", "b", "é", "日本", "zz", "A", "common_prefix_12345"];

    private sealed record Row(long? I, double? F, string? S, int Position);

    private static (Table Table, Row[] Rows) RandomTable(int seed, int n)
    {
        var rng = new Random(seed);
        var rows = new Row[n];
        double[] specials = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0.0, 0.0, 1.5, -2.5];
        for (int i = 0; i < n; i++)
        {
            long? iv = rng.Next(10) == 0 ? null : rng.Next(-3, 4);
            double? fv = rng.Next(10) == 0 ? null : specials[rng.Next(specials.Length)];
            string? sv = rng.Next(10) == 0 ? null : Words[rng.Next(Words.Length)] + Words[rng.Next(Words.Length)];
            rows[i] = new Row(iv, fv, sv, i);
        }
        using var ic = ColumnFactory.FromNullable(rows.Select(r => r.I).ToArray());
        using var fc = ColumnFactory.FromNullable(rows.Select(r => r.F).ToArray());
        using var sc = ColumnFactory.FromStrings(rows.Select(r => r.S).ToArray());
        return (Table.FromColumns(("i", ic), ("f", fc), ("s", sc)), rows);
    }

    // Independent reference: LINQ's stable OrderBy/ThenBy with comparers written from the documented order.
    private static int CompareDouble(double a, double b)
    {
        if (double.IsNaN(a) || double.IsNaN(b)) return double.IsNaN(a) == double.IsNaN(b) ? 0 : double.IsNaN(a) ? 1 : -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int CompareNullable<T>(T? a, T? b, SortKey key, Func<T, T, int> cmp)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null) return 0;
            return (a is null) == (key.Nulls == NullPlacement.First) ? -1 : 1;
        }
        int c = cmp(a, b);
        return key.Order == SortOrder.Descending ? -c : c;
    }

    private static int CompareRows(Row x, Row y, SortKey key) => key.Column switch
    {
        "i" => CompareNullable<object>(x.I, y.I, key, (a, b) => ((long)a).CompareTo((long)b)),
        "f" => CompareNullable<object>(x.F, y.F, key, (a, b) => CompareDouble((double)a, (double)b)),
        _ => CompareNullable(x.S, y.S, key, (a, b) => string.CompareOrdinal(a, b) switch { < 0 => -1, > 0 => 1, _ => 0 }),
    };

    private static long[] ReferenceOrder(Row[] rows, SortKey[] keys)
    {
        var cmp = Comparer<Row>.Create((x, y) =>
        {
            foreach (var k in keys)
            {
                int c = CompareRows(x, y, k);
                if (c != 0) return c;
            }
            return 0;
        });
        return rows.OrderBy(r => r, cmp).Select(r => (long)r.Position).ToArray();
    }

    [Fact]
    public void SortIndicesMatchReferenceAcrossSeedsKeysAndThreads()
    {
        var rng = new Random(7);
        string[] columns = ["i", "f", "s"];
        for (int seed = 0; seed < 30; seed++)
        {
            var (table, rows) = RandomTable(seed, rng.Next(0, 400));
            using (table)
            {
                var keys = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ =>
                {
                    var k = new SortKey(columns[rng.Next(3)]);
                    if (rng.Next(2) == 0) k = k.Descending();
                    return rng.Next(2) == 0 ? k.NullsFirst() : k;
                }).ToArray();
                var expected = ReferenceOrder(rows, keys);
                using var idx = table.SortIndices(keys, 1 + seed % 3);
                Assert.Equal(DataType.Int64, idx.Type);
                Assert.Equal(expected, idx.Values<long>().ToArray());
                using var sorted = table.Sort(keys, 2);
                Assert.True(sorted.IsSorted(keys));
                Assert.Equal(table.NumRows, sorted.NumRows);
            }
        }
    }

    [Fact]
    public void SortKeyIsAnImmutableFluentRecord()
    {
        var k = SortKey.Desc("b").NullsFirst();
        Assert.Equal("b", k.Column);
        Assert.Equal(SortOrder.Descending, k.Order);
        Assert.Equal(NullPlacement.First, k.Nulls);
        Assert.Equal(new SortKey("b", SortOrder.Descending, NullPlacement.First), k);
        Assert.Equal(NullPlacement.Last, k.NullsLast().Nulls);
        Assert.Equal(SortOrder.Ascending, k.Ascending().Order);
        Assert.Equal(SortOrder.Descending, k.Order);  // unchanged by the modifiers
        SortKey fromName = "a";
        Assert.Equal(SortKey.Asc("a"), fromName);
        Assert.Equal("b:desc:nulls_first", k.ToString());
        Assert.Throws<ArgumentNullException>(() => new SortKey(null!));
    }

    [Fact]
    public void SortByNameSortsWholeTableStably()
    {
        using var g = Table.Generate("W4", 2000);
        using var byName = g.Sort("a");
        using var byKey = g.Sort(SortKey.Asc("a"));
        Assert.True(byName.ContentEquals(byKey));
        Assert.True(byName.IsSorted("a"));
        Assert.False(g.IsSorted("a"));
        using var multi = g.Sort(SortKey.Desc("d"), SortKey.Asc("c").NullsFirst());
        Assert.True(multi.IsSorted(SortKey.Desc("d"), "c"));
        Assert.Equal(2000, multi.NumRows);
    }

    [Fact]
    public void BadKeysThrowTypedErrorsNamingTheColumn()
    {
        using var g = Table.Generate("W2", 10);
        var e = Assert.Throws<DeepRcNotFoundException>(() => g.Sort("key", "nope"));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        Assert.Throws<DeepRcInvalidException>(() => g.Sort());
        Assert.Throws<ArgumentNullException>(() => g.Sort((SortKey[])null!));
    }

    [Fact]
    public void CliSortsFilesAndReportsErrors()
    {
        string dir = Reference.TempDir();
        string csv = Path.Combine(dir, "w4.csv"), outArrow = Path.Combine(dir, "sorted.arrow");
        Assert.Equal(0, CliRunner.Run("gen", "W4", "--rows", "500", "-o", csv).Code);
        var ok = CliRunner.Run("sort", csv, "--by", "d:desc,a", "--nulls", "first", "--threads", "2", "-o", outArrow);
        Assert.Equal(0, ok.Code);
        Assert.Contains("500 rows", ok.Out, StringComparison.Ordinal);
        using (var back = Table.Read(outArrow))
            Assert.True(back.IsSorted(SortKey.Desc("d").NullsFirst(), SortKey.Asc("a").NullsFirst()));

        var badDir = CliRunner.Run("sort", csv, "--by", "a:sideways", "-o", outArrow);
        Assert.Equal(2, badDir.Code);
        Assert.Contains("sideways", badDir.Err, StringComparison.Ordinal);
        var missing = CliRunner.Run("sort", csv, "--by", "zzz", "-o", outArrow);
        Assert.Equal(1, missing.Code);
        Assert.Contains("zzz", missing.Err, StringComparison.Ordinal);
        Assert.NotEqual(0, CliRunner.Run("sort", csv, "-o", outArrow).Code);  // --by is required
    }

    [Fact]
    public void BenchSortPrintsOneLine()
    {
        var r = CliRunner.Run("bench", "sort", "--rows", "20000", "--reps", "1", "--threads", "2");
        Assert.Equal(0, r.Code);
        Assert.Matches(@"bench=deeprc op=sort rows=20000 threads=2 .* out_rows=20000", r.Out);
    }
}
