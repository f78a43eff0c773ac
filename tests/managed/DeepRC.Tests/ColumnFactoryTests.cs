namespace DeepRC.Tests;

public class ColumnFactoryTests
{
    [Fact]
    public void EveryFixedWidthTypeRoundTrips()
    {
        Check<sbyte>([-128, 0, 127], DataType.Int8);
        Check<short>([-32768, 1, 32767], DataType.Int16);
        Check<int>([int.MinValue, 2, int.MaxValue], DataType.Int32);
        Check<long>([long.MinValue, 3, long.MaxValue], DataType.Int64);
        Check<byte>([0, 255], DataType.UInt8);
        Check<ushort>([0, 65535], DataType.UInt16);
        Check<uint>([0, uint.MaxValue], DataType.UInt32);
        Check<ulong>([0, ulong.MaxValue], DataType.UInt64);
        Check<float>([float.NaN, float.NegativeInfinity, 1.5f], DataType.Float32);
        Check<double>([double.NaN, double.Epsilon, -0.0], DataType.Float64);
        Check<int>([0, -1, 19000], DataType.Date32);
        Check<long>([0, -1, 1_700_000_000_000], DataType.Timestamp(TimeUnit.Millisecond, "UTC"));

        static void Check<T>(T[] values, DataType type) where T : unmanaged
        {
            using var c = ColumnFactory.FromValues<T>(values, type);
            Assert.Equal(type, c.Type);
            Assert.Equal(values, c.Values<T>().ToArray());
            Assert.Equal(0, c.NullCount);
        }
    }

    [Fact]
    public void NullsStringsAndBools()
    {
        using var ints = ColumnFactory.FromNullable<long>([1, null, 3]);
        Assert.Equal(1, ints.NullCount);
        Assert.True(ints.IsNull(1));
        Assert.Equal(3L, ints.GetValue(2));
        Assert.Null(ints.GetValue(1));

        string?[] strs = ["", null, "héllo wörld", "a,b\"c\nd", "日本語"];
        foreach (bool large in new[] { false, true })
        {
            using var s = ColumnFactory.FromStrings(strs, large);
            Assert.Equal(large ? DataType.LargeUtf8 : DataType.Utf8, s.Type);
            for (int i = 0; i < strs.Length; i++) Assert.Equal(strs[i], s.GetString(i));
            Assert.Equal(1, s.NullCount);
        }

        using var b = ColumnFactory.FromBools([true, null, false, true]);
        Assert.True(b.GetBool(0));
        Assert.Null(b.GetValue(1));
        Assert.False(b.GetBool(2));
        Assert.Equal("true", b.Format(3));
    }

    [Fact]
    public void DatesAndTimestampsConvertToDotNetTypes()
    {
        using var d = ColumnFactory.FromValues<int>([0, 18262], DataType.Date32);
        Assert.Equal(new DateOnly(1970, 1, 1), d.GetValue(0));
        Assert.Equal(new DateOnly(2020, 1, 1), d.GetValue(1));
        Assert.Equal("2020-01-01", d.Format(1));
        using var ts = ColumnFactory.FromValues<long>([1_577_836_800_123_456], DataType.Timestamp(TimeUnit.Microsecond));
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1_234_560), ts.GetValue(0));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => ColumnFactory.FromValues<int>([1], DataType.Int64));
        Assert.Throws<ArgumentException>(() => ColumnFactory.FromValues<int>([1, 2], valid: [true]));
        Assert.Throws<ArgumentException>(() => ColumnFactory.FromValues<decimal>([1m]));
        using var a = ColumnFactory.FromValues<long>([1, 2]);
        using var b = ColumnFactory.FromValues<long>([1]);
        var e = Assert.Throws<DeepRcInvalidException>(() => Table.FromColumns(("a", a), ("b", b)));
        Assert.Contains("'b'", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Table.FromColumns(("a", a), ("a", a)));
    }

    [Fact]
    public void DataTypeParsesAndPrints()
    {
        Assert.Equal(DataType.Int64, DataType.Parse("int64"));
        Assert.Equal(DataType.Timestamp(TimeUnit.Nanosecond, "Europe/Berlin"), DataType.Parse("timestamp[ns, tz=Europe/Berlin]"));
        Assert.Equal("timestamp[ms, tz=UTC]", DataType.Timestamp(TimeUnit.Millisecond, "UTC").ToString());
        Assert.Equal("large_utf8", DataType.LargeUtf8.ToString());
        Assert.Equal("uint16", DataType.UInt16.ToString());
        Assert.Throws<DeepRcInvalidException>(() => DataType.Parse("decimal(10,2)"));
    }
}
