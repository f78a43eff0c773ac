using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// Tables bound to a <see cref="DeepRcContext"/>: each rank holds one partition. Operators on a
/// table bound to a context of size &gt; 1 run distributed (join, sort, groupby, unique, set
/// operations, head/tail/slice with GLOBAL row positions) and their results stay bound;
/// row-wise operators (filter, with-column, select, rename, cast, take) stay per partition.
/// Results equal the local operator on the concatenation of all partitions in rank order (as
/// multisets; sort is globally ordered by rank). Every rank must call the same operators in the
/// same order.
/// </summary>
public sealed unsafe partial class Table
{
    private DeepRcContext? _context;

    /// <summary>The context this table is a partition of, or null for a plain local table.</summary>
    public DeepRcContext? Context => _context;

    /// <summary>This table's rows as this rank's partition of a table distributed over <paramref name="context"/> (zero-copy).</summary>
    public Table WithContext(DeepRcContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        drc_table* t;
        Native.Check(NativeMethods.drc_table_slice(Ptr, 0, NumRows, &t));
        GC.KeepAlive(this);
        return new Table(t) { _context = context };
    }

    /// <summary>A result of an operator on this table: bound to the same context.</summary>
    internal Table Derived(drc_table* t) => new(t) { _context = _context };

    /// <summary>The context when this table's operators run distributed, else null.</summary>
    internal DeepRcContext? Distributed => _context is { IsDistributed: true } c ? c : null;

    /// <summary>The shared context of a two-table operator; both sides must be bound to the same one (or neither).</summary>
    internal DeepRcContext? DistributedWith(Table other, string parameter)
    {
        if (ReferenceEquals(_context, other._context)) return Distributed;
        if (_context is null || other._context is null)
            throw new ArgumentException("one table is bound to a distributed context and the other is not; bind both with DeepRcContext.Bind", parameter);
        throw new ArgumentException("the tables are bound to different contexts", parameter);
    }

    private DeepRcContext RequireContext(string operation) =>
        _context ?? throw new InvalidOperationException($"{operation} needs a table bound to a DeepRcContext (DeepRcContext.Bind)");

    /// <summary>Rows per rank summed over all ranks (collective; the local row count when unbound).</summary>
    public long CountRows()
    {
        if (Distributed is not { } c) return NumRows;
        long n;
        Native.Check(NativeMethods.drc_dist_num_rows(c.Ptr, Ptr, &n));
        GC.KeepAlive(this);
        return n;
    }

    /// <summary>Hash-partitions the rows on <paramref name="keys"/>: rows with equal keys end on one rank (string keys hash their bytes).</summary>
    public Table Shuffle(IReadOnlyList<string> keys, int threads = 0)
    {
        var c = RequireContext(nameof(Shuffle));
        using var names = new Utf8StringArray(keys, nameof(keys));
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_shuffle(c.Ptr, Ptr, names.Pointer, names.Count, threads, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>Moves rows so every rank holds floor or ceil(total/size) rows, keeping the global order.</summary>
    public Table Rebalance()
    {
        var c = RequireContext(nameof(Rebalance));
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_rebalance(c.Ptr, Ptr, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>All ranks' rows in rank order at <paramref name="root"/> (an unbound local table); other ranks get an empty table with the schema.</summary>
    public Table Gather(int root = 0)
    {
        var c = RequireContext(nameof(Gather));
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_gather(c.Ptr, Ptr, root, &t));
        GC.KeepAlive(this);
        return new Table(t);
    }

    /// <summary>All ranks' rows in rank order on every rank (an unbound local table).</summary>
    public Table AllGather()
    {
        var c = RequireContext(nameof(AllGather));
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_allgather(c.Ptr, Ptr, &t));
        GC.KeepAlive(this);
        return new Table(t);
    }

    /// <summary>
    /// A whole-column aggregate over every rank's rows (the same 1-element column everywhere); for
    /// an unbound table, the local aggregate. Semantics of <see cref="ColumnAggregates"/>.
    /// </summary>
    public Column Aggregate(string column, AggFunc func, double q = 0.5)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (Distributed is not { } c)
        {
            using var col = Column(column);
            return col.Aggregate(func, q);
        }
        using var name = new Utf8Buffer(column);
        drc_array* a;
        Native.Check(NativeMethods.drc_dist_aggregate(c.Ptr, Ptr, name.Pointer, (int)func, q, &a));
        GC.KeepAlive(this);
        return new Column(a, ownsMemory: true);
    }

    /// <summary>
    /// Writes the distributed table: <paramref name="gather"/> = rank 0 writes every row to
    /// <paramref name="path"/>; otherwise rank r writes <see cref="RankPath(string, int)"/>. Either every
    /// file is written or none is left behind. Format by extension (CSV or Arrow IPC).
    /// </summary>
    public void WriteDistributed(string path, bool gather, CsvWriteOptions? csv = null, ArrowWriteOptions? arrow = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var c = RequireContext(nameof(WriteDistributed));
        using var p = new Utf8Buffer(path);
        if (FileKind(path) == TableFileKind.Csv)
        {
            using var native = new NativeCsvWriteOptions(NativeIO.CsvWriteDefaults(path, csv) ?? new CsvWriteOptions());
            var o = native.Options;
            Native.Check(NativeMethods.drc_dist_write_csv(c.Ptr, Ptr, p.Pointer, gather ? 1 : 0, &o));
        }
        else
        {
            var o = NativeIO.ArrowWriteOptions(NativeIO.ArrowWriteDefaults(path, arrow));
            Native.Check(NativeMethods.drc_dist_write_ipc(c.Ptr, Ptr, p.Pointer, gather ? 1 : 0, &o));
        }
        GC.KeepAlive(this);
    }

    /// <summary>Rank <paramref name="rank"/>'s file name: "out.arrow" → "out.rank3.arrow".</summary>
    public static string RankPath(string path, int rank)
    {
        ArgumentNullException.ThrowIfNull(path);
        Native.EnsureLoaded();
        using var p = new Utf8Buffer(path);
        byte* s;
        Native.Check(NativeMethods.drc_dist_rank_path(p.Pointer, rank, &s));
        return Native.TakeString(s);
    }
}
