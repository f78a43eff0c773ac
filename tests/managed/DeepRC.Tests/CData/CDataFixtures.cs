using DeepRC.CData;

namespace DeepRC.Tests.CData;

/// <summary>
/// The C Data tests check ownership through process-wide counters (libdeeprc's allocated bytes,
/// the managed exporter's live structs), so they run alone, never beside other test classes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CDataCollection
{
    public const string Name = "CData";
}

/// <summary>The same data of every supported type, with nulls, as a managed batch and as a native
/// table built independently through <see cref="ColumnFactory"/>.</summary>
internal static class CDataFixtures
{
    public static readonly DataType TsSeconds = DataType.Timestamp(TimeUnit.Second);
    public static readonly DataType TsMillisUtc = DataType.Timestamp(TimeUnit.Millisecond, "UTC");
    public static readonly DataType TsMicrosParis = DataType.Timestamp(TimeUnit.Microsecond, "Europe/Paris");
    public static readonly DataType TsNanos = DataType.Timestamp(TimeUnit.Nanosecond);

    public sealed class AllTypes
    {
        private readonly bool?[] _bool;
        private readonly sbyte?[] _i8;
        private readonly short?[] _i16;
        private readonly int?[] _i32;
        private readonly long?[] _i64;
        private readonly byte?[] _u8;
        private readonly ushort?[] _u16;
        private readonly uint?[] _u32;
        private readonly ulong?[] _u64;
        private readonly float?[] _f32;
        private readonly double?[] _f64;
        private readonly string?[] _utf8;
        private readonly string?[] _large;
        private readonly int?[] _date;
        private readonly long?[] _tsS, _tsMs, _tsUs, _tsNs;

        public AllTypes(int n, int seed)
        {
            var r = new Random(seed);
            int col = 0;
            // Each column has nulls at different rows; the first row of column 0 is null.
            T?[] Make<T>(Func<int, T> f) where T : struct
            {
                int c = col++;
                return Enumerable.Range(0, n).Select(i => (i + c) % 4 == 0 ? (T?)null : f(i)).ToArray();
            }
            string?[] MakeStrings()
            {
                int c = col++;
                return Enumerable.Range(0, n).Select(i => (i + c) % 4 == 0 ? null : i % 5 == 0 ? "" : $"v{r.Next(1000)}-é€{i}").ToArray();
            }
            _bool = Make(_ => r.Next(2) == 1);
            _i8 = Make(_ => (sbyte)r.Next(-128, 128));
            _i16 = Make(_ => (short)r.Next(-30000, 30000));
            _i32 = Make(_ => r.Next(int.MinValue, int.MaxValue));
            _i64 = Make(_ => r.NextInt64(long.MinValue, long.MaxValue));
            _u8 = Make(_ => (byte)r.Next(256));
            _u16 = Make(_ => (ushort)r.Next(65536));
            _u32 = Make(_ => (uint)r.NextInt64(0, uint.MaxValue));
            _u64 = Make(_ => (ulong)r.NextInt64(0, long.MaxValue) * 2);
            _f32 = Make(i => i == 3 ? float.NaN : (float)r.NextDouble() * 100);
            _f64 = Make(i => i == 2 ? double.NegativeInfinity : r.NextDouble() * 1e6);
            _utf8 = MakeStrings();
            _large = MakeStrings();
            _date = Make(_ => r.Next(-1000, 30000));
            _tsS = Make(_ => r.NextInt64(0, 2_000_000_000));
            _tsMs = Make(_ => r.NextInt64(0, 2_000_000_000_000));
            _tsUs = Make(_ => r.NextInt64(0, 2_000_000_000_000_000));
            _tsNs = Make(_ => r.NextInt64(0, long.MaxValue));
        }

        public ManagedBatch Batch() => new(
            ManagedColumn.FromNullable("bool", _bool),
            ManagedColumn.FromNullable("int8", _i8),
            ManagedColumn.FromNullable("int16", _i16),
            ManagedColumn.FromNullable("int32", _i32),
            ManagedColumn.FromNullable("int64", _i64),
            ManagedColumn.FromNullable("uint8", _u8),
            ManagedColumn.FromNullable("uint16", _u16),
            ManagedColumn.FromNullable("uint32", _u32),
            ManagedColumn.FromNullable("uint64", _u64),
            ManagedColumn.FromNullable("float32", _f32),
            ManagedColumn.FromNullable("float64", _f64),
            ManagedColumn.FromStrings("utf8", _utf8),
            ManagedColumn.FromStrings("large_utf8", _large, large: true),
            ManagedColumn.FromNullable("date32", _date, DataType.Date32),
            ManagedColumn.FromNullable("ts_s", _tsS, TsSeconds),
            ManagedColumn.FromNullable("ts_ms_utc", _tsMs, TsMillisUtc),
            ManagedColumn.FromNullable("ts_us_paris", _tsUs, TsMicrosParis),
            ManagedColumn.FromNullable("ts_ns", _tsNs, TsNanos));

        public Table Table()
        {
            var cols = new (string, Column)[]
            {
                ("bool", ColumnFactory.FromBools(_bool)),
                ("int8", ColumnFactory.FromNullable(_i8)),
                ("int16", ColumnFactory.FromNullable(_i16)),
                ("int32", ColumnFactory.FromNullable(_i32)),
                ("int64", ColumnFactory.FromNullable(_i64)),
                ("uint8", ColumnFactory.FromNullable(_u8)),
                ("uint16", ColumnFactory.FromNullable(_u16)),
                ("uint32", ColumnFactory.FromNullable(_u32)),
                ("uint64", ColumnFactory.FromNullable(_u64)),
                ("float32", ColumnFactory.FromNullable(_f32)),
                ("float64", ColumnFactory.FromNullable(_f64)),
                ("utf8", ColumnFactory.FromStrings(_utf8)),
                ("large_utf8", ColumnFactory.FromStrings(_large, large: true)),
                ("date32", ColumnFactory.FromNullable(_date, DataType.Date32)),
                ("ts_s", ColumnFactory.FromNullable(_tsS, TsSeconds)),
                ("ts_ms_utc", ColumnFactory.FromNullable(_tsMs, TsMillisUtc)),
                ("ts_us_paris", ColumnFactory.FromNullable(_tsUs, TsMicrosParis)),
                ("ts_ns", ColumnFactory.FromNullable(_tsNs, TsNanos)),
            };
            try
            {
                return DeepRC.Table.FromColumns(cols);
            }
            finally
            {
                foreach (var (_, c) in cols) c.Dispose();
            }
        }
    }

    /// <summary>Asserts that a managed batch holds exactly the table's schema and values
    /// (compared through <see cref="Column.GetValue"/>).</summary>
    public static void AssertSame(Table expected, ManagedBatch actual)
    {
        Assert.Equal(expected.NumRows, actual.Length);
        Assert.Equal(expected.Schema.Select(f => (f.Name, f.Type)), actual.Schema.Select(f => (f.Name, f.Type)));
        for (int c = 0; c < expected.NumColumns; c++)
        {
            using var col = expected.Column(c);
            ManagedColumn mc = actual.Columns[c];
            Assert.Equal(col.NullCount, mc.NullCount);
            for (int i = 0; i < actual.Length; i++)
                Assert.True(Equals(col.GetValue(i), mc.GetValue(i)), $"column '{mc.Name}' row {i}: expected {col.GetValue(i)}, got {mc.GetValue(i)}");
        }
    }

    public static long NativeBytes() => DeepRC.Interop.NativeMethods.drc_bytes_allocated();
}
