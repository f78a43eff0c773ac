using DeepRC.Interop;

namespace DeepRC;

/// <summary>Expressions over tables: filter, computed columns, projection, rename, cast, tail.</summary>
public sealed unsafe partial class Table
{
    /// <summary>Rows where <paramref name="predicate"/> is true (null drops the row).</summary>
    /// <param name="predicate">A bool expression.</param>
    /// <param name="threads">Threads to use (0 = all cores).</param>
    public Table Filter(Expr predicate, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var e = predicate.Handle;
        drc_table* t;
        Native.Check(NativeMethods.drc_table_filter_expr(Ptr, e.Ptr, threads, &t));
        GC.KeepAlive(this);
        GC.KeepAlive(e);
        return Derived(t);
    }

    /// <summary>Rows where the predicate text (e.g. <c>"v &gt; 3 and k != 7"</c>) is true.</summary>
    public Table Filter(string predicate, int threads = 0) => Filter(Expr.Parse(predicate), threads);

    /// <summary>This table with column <paramref name="name"/> computed from <paramref name="expr"/>:
    /// appended, or replacing the column of that name in place.</summary>
    public Table WithColumn(string name, Expr expr, int threads = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(expr);
        var e = expr.Handle;
        using var n = new Utf8Buffer(name);
        drc_table* t;
        Native.Check(NativeMethods.drc_table_with_column(Ptr, n.Pointer, e.Ptr, threads, &t));
        GC.KeepAlive(this);
        GC.KeepAlive(e);
        return Derived(t);
    }

    /// <summary>The expression's value for every row.</summary>
    public Column Evaluate(Expr expr, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var e = expr.Handle;
        drc_array* a;
        Native.Check(NativeMethods.drc_table_evaluate(Ptr, e.Ptr, threads, &a));
        GC.KeepAlive(this);
        GC.KeepAlive(e);
        return new Column(a, ownsMemory: true);
    }

    /// <summary>Renames columns (zero-copy). Unknown old names throw <see cref="DeepRcNotFoundException"/>;
    /// repeated old names or resulting duplicate names throw <see cref="DeepRcInvalidException"/>.</summary>
    public Table Rename(params (string Old, string New)[] renames)
    {
        ArgumentNullException.ThrowIfNull(renames);
        using var olds = new Utf8StringArray(renames.Select(r => r.Old).ToArray(), nameof(renames));
        using var news = new Utf8StringArray(renames.Select(r => r.New).ToArray(), nameof(renames));
        drc_table* t;
        Native.Check(NativeMethods.drc_table_rename(Ptr, olds.Pointer, news.Pointer, olds.Count, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>This table with one column cast to <paramref name="type"/> (checked: values that do not fit throw,
    /// naming the column and row).</summary>
    public Table CastColumn(string name, DataType type)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(type);
        using var n = new Utf8Buffer(name);
        using var tz = new Utf8Buffer(type.Timezone);
        var dt = new drc_data_type { id = (int)type.Id, unit = (int)type.Unit, timezone = tz.Pointer };
        drc_table* t;
        Native.Check(NativeMethods.drc_table_cast_column(Ptr, n.Pointer, &dt, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>The last <paramref name="n"/> rows (fewer if the table is shorter), zero-copy.</summary>
    public Table Tail(long n = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        drc_table* t;
        if (Distributed is { } ctx)
            Native.Check(NativeMethods.drc_dist_tail(ctx.Ptr, Ptr, n, &t));
        else
            Native.Check(NativeMethods.drc_table_tail(Ptr, n, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }
}
