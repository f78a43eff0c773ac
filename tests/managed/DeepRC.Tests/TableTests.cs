namespace DeepRC.Tests;

public class TableTests
{
    [Fact]
    public void GeneratedWorkloadMatchesIndependentReference()
    {
        using var t = Table.Generate("W4", 5000, start: 1000, count: 2000);
        Assert.Equal(2000, t.NumRows);
        Assert.Equal(["a", "b", "c", "d"], t.Schema.Names);
        using var a = t.Column("a");
        using var b = t.Column("b");
        using var c = t.Column("c");
        using var d = t.Column("d");
        var av = a.Values<long>();
        var bv = b.Values<double>();
        var cv = c.Values<long>();
        for (int i = 0; i < 2000; i++)
        {
            ulong row = (ulong)(1000 + i);
            Assert.Equal((long)(Reference.Mix(42, 9, row) % 5000), av[i]);
            Assert.Equal(Reference.UnitFloat(Reference.Mix(42, 10, row)), bv[i]);
            Assert.Equal((long)(Reference.Mix(42, 11, row) % 2000000001UL) - 1000000000L, cv[i]);
            Assert.Equal(Reference.Hex8(Reference.Mix(42, 12, row)), d.GetString(i));
        }
    }

    [Fact]
    public void W1LChecksumsMatchAnchors()
    {
        const long n = 10_000_000;
        using var t = Table.Generate("W1L", n);
        using var key = t.Column("key");
        var k = key.Values<long>();
        long sum = 0;
        foreach (long v in k) sum += v % 1000000007;
        Assert.Equal(50001228721463L, sum);
        Assert.Equal(9543480L, k[0]);
        Assert.Equal(5951301L, k[^1]);
    }

    [Fact]
    public void SliceIsZeroCopyAndColumnsOutliveTheTable()
    {
        Column col;
        using (var t = Table.Generate("W2", 100))
        {
            using var full = t.Column("key");
            using var s = t.Slice(10, 20);
            col = s.Column("key");
            Assert.Equal(20, col.Length);
            Assert.True(full.Values<long>().Slice(10, 20).SequenceEqual(col.Values<long>()));
            unsafe
            {
                fixed (long* p = full.Values<long>())
                fixed (long* q = col.Values<long>())
                    Assert.True(q == p + 10, "slice must share the parent's buffer");
            }
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using (col)
            Assert.Equal(20, col.Values<long>().Length);
    }

    [Fact]
    public void TakeFilterConcatAgreeWithLinq()
    {
        using var t = Table.Generate("stations", 300);
        var rnd = new Random(5);
        long[] idx = Enumerable.Range(0, 500).Select(_ => (long)rnd.Next(300)).ToArray();
        using var taken = t.Take(idx);
        using var name = t.Column("name");
        using var takenName = taken.Column("name");
        for (int i = 0; i < idx.Length; i++) Assert.Equal(name.GetString(idx[i]), takenName.GetString(i));

        using var elev = t.Column("elevation_m");
        bool?[] maskValues = Enumerable.Range(0, 300).Select(i => i % 7 == 0 ? (bool?)null : i % 3 == 0).ToArray();
        using var mask = ColumnFactory.FromBools(maskValues);
        using var filtered = t.Filter(mask);
        var expected = Enumerable.Range(0, 300).Where(i => maskValues[i] == true).ToArray();
        Assert.Equal(expected.Length, filtered.NumRows);
        using var fe = filtered.Column("elevation_m");
        for (int i = 0; i < expected.Length; i++) Assert.Equal(elev.GetValue(expected[i]), fe.GetValue(i));

        using var a = t.Slice(0, 120);
        using var b = t.Slice(120, 180);
        using var joined = Table.Concat(a, b);
        Assert.True(joined.ContentEquals(t));
        using var other = t.Slice(1, 120);
        Assert.False(a.ContentEquals(other));
    }

    [Fact]
    public void ErrorsAreTypedAndNameTheProblem()
    {
        using var t = Table.Generate("W3", 10);
        var e = Assert.Throws<DeepRcNotFoundException>(() => t.Column("nope"));
        Assert.Contains("nope", e.Message, StringComparison.Ordinal);
        Assert.Contains("key", e.Message, StringComparison.Ordinal);
        var s = Assert.Throws<DeepRcInvalidException>(() => t.Slice(5, 10));
        Assert.Contains("out of range", s.Message, StringComparison.Ordinal);
        Assert.Throws<DeepRcInvalidException>(() => t.Take([0, 10]));
        Assert.Throws<DeepRcInvalidException>(() => Table.Generate("W7", 10));
        using var key = t.Column("key");
        Assert.Throws<InvalidOperationException>(() => key.Values<double>().Length);
        t.Dispose();
        Assert.Throws<ObjectDisposedException>(() => t.Slice(0, 1));
    }

    [Fact]
    public void ToStringShowsHeaderTypesAndRows()
    {
        using var t = Table.Generate("observations", 1000);
        string s = t.ToString(6);
        Assert.Contains("station_id", s, StringComparison.Ordinal);
        Assert.Contains("timestamp[s, tz=UTC]", s, StringComparison.Ordinal);
        Assert.Contains("2020-01-01T00:00:00Z", s, StringComparison.Ordinal);
        Assert.Contains("1000 rows x 6 columns", s, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectProjectsColumnsInOrder()
    {
        using var t = Table.Generate("W4", 50);
        using var p = t.Select("d", "a");
        Assert.Equal(["d", "a"], p.Schema.Names);
        Assert.Throws<DeepRcNotFoundException>(() => t.Select("zz"));
    }
}
