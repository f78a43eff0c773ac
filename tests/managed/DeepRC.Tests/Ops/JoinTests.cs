namespace DeepRC.Tests.Ops;

public class JoinTests
{
    private static Table Make(params (string Name, Column Column)[] columns)
    {
        try
        {
            return Table.FromColumns(columns);
        }
        finally
        {
            foreach (var (_, c) in columns) c.Dispose();
        }
    }

    private static List<string> Rows(Table t)
    {
        var rows = new List<string>();
        var cols = Enumerable.Range(0, t.NumColumns).Select(t.Column).ToArray();
        for (long i = 0; i < t.NumRows; i++) rows.Add(string.Join("|", cols.Select(c => c.Format(i))));
        foreach (var c in cols) c.Dispose();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static Table Left() => Make(
        ("k", ColumnFactory.FromNullable<long>([1, 2, 2, null, 4])),
        ("s", ColumnFactory.FromStrings(["a", "b", "b", "c", "é"])),
        ("v", ColumnFactory.FromNullable<double>([1.5, 2.5, 3.5, 4.5, 5.5])));

    private static Table Right() => Make(
        ("k", ColumnFactory.FromNullable<long>([2, 4, 5, null])),
        ("s", ColumnFactory.FromStrings(["b", "x", "y", "c"], large: true)),
        ("v", ColumnFactory.FromNullable<int>([20, 40, 50, 60])));

    [Fact]
    public void InnerOnSharedKeyEmitsKeyOnceAndSuffixesClashes()
    {
        using var l = Left();
        using var r = Right();
        using var j = l.Join(r, on: "k");
        Assert.Equal(["k", "s_x", "v_x", "s_y", "v_y"], j.Schema.Names);
        Assert.Equal(["2|b|2.5|b|20", "2|b|3.5|b|20", "4|é|5.5|x|40"], Rows(j));
    }

    [Fact]
    public void EveryJoinTypeCountsRows()
    {
        using var l = Left();
        using var r = Right();
        var expected = new Dictionary<JoinType, long>
        {
            [JoinType.Inner] = 3, [JoinType.Left] = 5, [JoinType.Right] = 5, [JoinType.Full] = 7, [JoinType.Semi] = 3, [JoinType.Anti] = 2,
        };
        foreach (var (how, n) in expected)
        {
            using var j = l.Join(r, "k", how);
            Assert.Equal(n, j.NumRows);
            using var sm = l.Join(r, "k", how, new JoinOptions { Algorithm = JoinAlgorithm.SortMerge });
            Assert.Equal(Rows(j), Rows(sm));
        }
        using var semi = l.Join(r, "k", JoinType.Semi);
        Assert.Equal(3, semi.NumColumns);
    }

    [Fact]
    public void MultiKeyLeftOnRightOnAndOptions()
    {
        using var l = Left();
        using var r = Right();
        using var j = l.Join(r, on: new[] { "k", "s" }, how: JoinType.Left);
        Assert.Equal(["k", "s", "v_x", "v_y"], j.Schema.Names);
        Assert.Equal(5, j.NumRows);
        using var j2 = l.Join(r, leftOn: ["s"], rightOn: ["s"], how: JoinType.Full,
            options: new JoinOptions { Suffixes = ("_l", "_r"), Algorithm = JoinAlgorithm.Hash, AllowCast = true, Threads = 2 });
        Assert.Equal(["k_l", "s", "v_l", "k_r", "v_r"], j2.Schema.Names);
        using var j3 = l.Join(r, leftOn: "k", rightOn: "v", how: JoinType.Inner, options: new JoinOptions { AllowCast = true });
        Assert.Equal(0, j3.NumRows);
    }

    [Fact]
    public void ErrorsNameTheColumns()
    {
        using var l = Left();
        using var r = Right();
        var e = Assert.ThrowsAny<DeepRcException>(() => l.Join(r, "nope"));
        Assert.Contains("'nope'", e.Message, StringComparison.Ordinal);
        var t = Assert.ThrowsAny<DeepRcException>(() => l.Join(r, leftOn: "k", rightOn: "v"));
        Assert.Contains("'k'", t.Message, StringComparison.Ordinal);
        Assert.Contains("'v'", t.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => l.Join(r, leftOn: ["k", "s"], rightOn: ["k"]));
        Assert.ThrowsAny<DeepRcException>(() => l.Join(r, "k", JoinType.Inner, new JoinOptions { Suffixes = ("", "") }));
    }

    [Fact]
    public void W1SmallMatchesCount()
    {
        using var l = Table.Generate("W1L", 20000);
        using var r = Table.Generate("W1R", 20000);
        using var j = l.Join(r, "key", JoinType.Inner, new JoinOptions { Threads = 2 });
        var counts = new Dictionary<long, long>();
        using (var rk = r.Column("key"))
            foreach (long k in rk.Values<long>()) counts[k] = counts.GetValueOrDefault(k) + 1;
        long expected = 0;
        using (var lk = l.Column("key"))
            foreach (long k in lk.Values<long>()) expected += counts.GetValueOrDefault(k);
        Assert.Equal(expected, j.NumRows);
        Assert.Equal(["key", "v_x", "v_y"], j.Schema.Names);
    }

    [Fact]
    public void CliJoin()
    {
        string dir = Reference.TempDir();
        string a = Path.Combine(dir, "a.csv"), b = Path.Combine(dir, "b.csv"), o = Path.Combine(dir, "o.csv");
        File.WriteAllText(a, "id,name,x\n1,one,10\n2,two,20\n3,three,30\n");
        File.WriteAllText(b, "key,name\n2,zwei\n3,drei\n3,trois\n9,neun\n");
        var r = CliRunner.Run("join", a, b, "--left-on", "id", "--right-on", "key", "--how", "outer", "--suffixes", "_en,_de", "-o", o);
        Assert.True(r.Code == 0, r.Err);
        Assert.Contains("5 rows x 5 columns", r.Out, StringComparison.Ordinal);
        string[] lines = File.ReadAllLines(o);
        Assert.Equal("id,name_en,x,key,name_de", lines[0]);
        Assert.Contains("3,three,30,3,trois", lines);
        Assert.Contains(",,,9,neun", lines);

        Assert.Equal(0, CliRunner.Run("join", a, b, "--left-on", "id", "--right-on", "key", "--how", "anti", "--algorithm", "sort-merge", "-o", o).Code);
        Assert.Equal(["id,name,x", "1,one,10"], File.ReadAllLines(o));

        var bad = CliRunner.Run("join", a, b, "--on", "id", "-o", o);
        Assert.Equal(1, bad.Code);
        Assert.Contains("'id'", bad.Err, StringComparison.Ordinal);
        Assert.Equal(2, CliRunner.Run("join", a, b, "-o", o).Code);  // no keys: usage error
        Assert.Equal(2, CliRunner.Run("join", a, b, "--on", "id", "--how", "sideways", "-o", o).Code);

        var bench = CliRunner.Run("bench", "join", "--rows", "1000", "--reps", "1", "--threads", "1");
        Assert.True(bench.Code == 0, bench.Err);
        Assert.Contains("op=join", bench.Out, StringComparison.Ordinal);
    }
}
