using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// An immutable Arrow table in native memory: a schema and one column per field. Operations
/// return new tables that share buffers where possible (slices and projections are zero-copy).
/// Dispose tables explicitly; the finalizer-backed handle frees them otherwise.
/// </summary>
public sealed unsafe partial class Table : IDisposable
{
    private readonly TableHandle _handle;
    private readonly long _pressure;
    private Schema? _schema;

    internal Table(drc_table* table)
    {
        _handle = new TableHandle(table);
        NumRows = NativeMethods.drc_table_num_rows(table);
        NumColumns = NativeMethods.drc_table_num_columns(table);
        _pressure = EstimateBytes(table, NumColumns);
        if (_pressure > 0) GC.AddMemoryPressure(_pressure);
    }

    /// <summary>Number of rows.</summary>
    public long NumRows { get; }
    /// <summary>Number of columns.</summary>
    public int NumColumns { get; }

    /// <summary>The table's schema.</summary>
    public Schema Schema
    {
        get
        {
            if (_schema is not null) return _schema;
            drc_schema* s;
            Native.Check(NativeMethods.drc_table_schema(Ptr, &s));
            using var owned = new SchemaHandle(s);
            _schema = Schema.FromNative(s);
            GC.KeepAlive(this);
            return _schema;
        }
    }

    internal drc_table* Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.Ptr;
        }
    }

    /// <summary>Column <paramref name="index"/> (dispose it when done; it stays valid after the table is disposed).</summary>
    public Column Column(int index)
    {
        drc_array* a;
        Native.Check(NativeMethods.drc_table_column(Ptr, index, &a));
        GC.KeepAlive(this);
        return new Column(a, ownsMemory: false);
    }

    /// <summary>The named column; throws <see cref="DeepRcNotFoundException"/> listing the columns.</summary>
    public Column Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        using var n = new Utf8Buffer(name);
        drc_array* a;
        Native.Check(NativeMethods.drc_table_column_by_name(Ptr, n.Pointer, &a));
        GC.KeepAlive(this);
        return new Column(a, ownsMemory: false);
    }

    /// <summary>Builds a table from named columns (shared, not copied).</summary>
    public static Table FromColumns(params (string Name, Column Column)[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var schema = new Schema(columns.Select(c => new Field(c.Name, c.Column.Type)));
        return FromColumns(schema, columns.Select(c => c.Column).ToArray());
    }

    /// <summary>Builds a table from a schema and matching columns (shared, not copied).</summary>
    public static Table FromColumns(Schema schema, IReadOnlyList<Column> columns)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(columns);
        using var s = schema.ToNative();
        var ptrs = new nint[columns.Count];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = (nint)columns[i].Ptr;
        drc_table* t;
        fixed (nint* p = ptrs)
            Native.Check(NativeMethods.drc_table_create(s.Ptr, (drc_array**)p, ptrs.Length, &t));
        GC.KeepAlive(columns);
        return new Table(t);
    }

    /// <summary>Rows [offset, offset+length), zero-copy; for a distributed table, GLOBAL rows
    /// (length &lt; 0 = to the end), each rank keeping its part.</summary>
    public Table Slice(long offset, long length)
    {
        drc_table* t;
        if (Distributed is { } ctx)
            Native.Check(NativeMethods.drc_dist_slice(ctx.Ptr, Ptr, offset, length, &t));
        else
            Native.Check(NativeMethods.drc_table_slice(Ptr, offset, length, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>The first <paramref name="n"/> rows (fewer if the table is shorter), zero-copy.</summary>
    public Table Head(long n = 10)
    {
        if (Distributed is not { } ctx) return Slice(0, Math.Clamp(n, 0, NumRows));
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_head(ctx.Ptr, Ptr, n, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>The named columns in the given order, zero-copy. An unknown name throws
    /// <see cref="DeepRcNotFoundException"/> listing the columns; a repeated name <see cref="DeepRcInvalidException"/>.</summary>
    public Table Select(params string[] names)
    {
        using var native = new Utf8StringArray(names, nameof(names));
        drc_table* t;
        Native.Check(NativeMethods.drc_table_select_names(Ptr, native.Pointer, native.Count, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>Rows gathered by index (each in [0, NumRows)).</summary>
    public Table Take(ReadOnlySpan<long> indices)
    {
        drc_table* t;
        fixed (long* p = indices)
            Native.Check(NativeMethods.drc_table_take(Ptr, p, indices.Length, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>Rows where <paramref name="mask"/> (a bool column of NumRows) is true; null drops the row.</summary>
    public Table Filter(Column mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        drc_table* t;
        Native.Check(NativeMethods.drc_table_filter(Ptr, mask.Ptr, &t));
        GC.KeepAlive(this);
        GC.KeepAlive(mask);
        return Derived(t);
    }

    /// <summary>Concatenates tables with equal schemas.</summary>
    public static Table Concat(params Table[] tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var ptrs = new nint[tables.Length];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = (nint)tables[i].Ptr;
        drc_table* t;
        fixed (nint* p = ptrs)
            Native.Check(NativeMethods.drc_table_concat((drc_table**)p, ptrs.Length, &t));
        GC.KeepAlive(tables);
        return new Table(t);
    }

    /// <summary>Same schema and values.</summary>
    public bool ContentEquals(Table other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int eq;
        Native.Check(NativeMethods.drc_table_equals(Ptr, other.Ptr, &eq));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return eq != 0;
    }

    /// <summary>A box-drawn rendering of at most <paramref name="maxRows"/> rows (head and tail); -1 for all.</summary>
    public string ToString(long maxRows)
    {
        byte* s;
        Native.Check(NativeMethods.drc_table_to_string(Ptr, maxRows, &s));
        GC.KeepAlive(this);
        return Native.TakeString(s);
    }

    /// <inheritdoc />
    public override string ToString() => _handle.IsClosed ? "Table (disposed)" : ToString(20);

    /// <summary>
    /// Rows [start, start+count) of a deterministic synthetic data set: the benchmark workloads
    /// W1L, W1R, W2, W3, W4, W5 (identical to the anchor systems' generator), or "stations" /
    /// "observations" (a hydrology demo set).
    /// </summary>
    public static Table Generate(string name, long rows, long start = 0, long count = -1, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(name);
        Native.EnsureLoaded();
        using var n = new Utf8Buffer(name);
        drc_table* t;
        Native.Check(NativeMethods.drc_gen_workload(n.Pointer, rows, start, count, seed, &t));
        return new Table(t);
    }

    /// <summary>
    /// Synthetic hydrology data with the shape of CAMELS-style catchment sets: <paramref name="basins"/>
    /// basins x <paramref name="days"/> daily rows from 1980-01-01 (basin, date, prcp, srad, tmax,
    /// tmin, vp, runoff, then static attributes area_km2, elev_m, aridity, frac_forest,
    /// soil_capacity_mm, baseflow_k); runoff comes from an HBV-like bucket model plus lognormal
    /// noise of sigma <paramref name="noise"/>.
    /// </summary>
    public static Table GenerateHydrology(int basins, long days, ulong seed = 42, double noise = 0.1)
    {
        Native.EnsureLoaded();
        drc_table* t;
        Native.Check(NativeMethods.drc_gen_hydrology(basins, days, seed, noise, &t));
        return new Table(t);
    }

    /// <summary>
    /// Synthetic electricity-transformer data with the shape of ETTh1: <paramref name="hours"/> hourly
    /// rows from 2016-07-01 (date, HUFL, HULL, MUFL, MULL, LUFL, LULL, OT) with daily, weekly and
    /// yearly seasons; <paramref name="noise"/> scales the noise (0 = noise-free).
    /// </summary>
    public static Table GenerateEtt(long hours, ulong seed = 42, double noise = 1.0)
    {
        Native.EnsureLoaded();
        drc_table* t;
        Native.Check(NativeMethods.drc_gen_ett(hours, seed, noise, &t));
        return new Table(t);
    }

    /// <summary>Frees the native table (columns obtained from it stay valid).</summary>
    public void Dispose()
    {
        if (_handle.IsClosed) return;
        _handle.Dispose();
        if (_pressure > 0) GC.RemoveMemoryPressure(_pressure);
    }

    // Bytes this table's rows occupy natively (slices count only their rows), reported to the
    // GC as memory pressure so that undisposed tables do not pile up unnoticed.
    private static long EstimateBytes(drc_table* table, int columns)
    {
        long total = 0;
        for (int i = 0; i < columns; i++)
        {
            drc_array* a;
            drc_status* st = NativeMethods.drc_table_column(table, i, &a);
            if (st != null)
            {
                NativeMethods.drc_status_free(st);
                continue;
            }
            drc_array_info info;
            st = NativeMethods.drc_array_info_get(a, &info);
            if (st == null) total += ColumnBytes(info);
            else NativeMethods.drc_status_free(st);
            NativeMethods.drc_array_free(a);
        }
        return total;
    }

    internal static long ColumnBytes(in drc_array_info info)
    {
        long n = info.length, k = info.offset;
        long bytes = info.validity == null ? 0 : (n + 7) / 8;
        switch ((TypeId)info.type.id)
        {
            case TypeId.Bool:
                return bytes + (n + 7) / 8;
            case TypeId.Utf8:
                return bytes + (n + 1) * 4 + (((int*)info.values)[k + n] - ((int*)info.values)[k]);
            case TypeId.LargeUtf8:
                return bytes + (n + 1) * 8 + (((long*)info.values)[k + n] - ((long*)info.values)[k]);
            default:
                return bytes + n * DataType.FromId((TypeId)info.type.id).ByteWidth;
        }
    }
}
