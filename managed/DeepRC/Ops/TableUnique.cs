using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>
    /// Drops duplicate rows, comparing the named <paramref name="columns"/> (none = all columns) and
    /// keeping the first row of every group. Nulls equal nulls, NaN equals NaN and -0.0 equals 0.0;
    /// kept rows stay in input order. Throws <see cref="DeepRcNotFoundException"/> naming an unknown column.
    /// </summary>
    public Table Unique(params string[] columns) => Unique(Keep.First, columns, threads: 0);

    /// <summary>Drops duplicate rows on <paramref name="columns"/> (none = all), keeping the rows chosen by <paramref name="keep"/>.</summary>
    public Table Unique(Keep keep, params string[] columns) => Unique(keep, columns, threads: 0);

    /// <summary>
    /// Drops duplicate rows on <paramref name="columns"/> (empty = all columns), keeping the rows
    /// chosen by <paramref name="keep"/>, on <paramref name="threads"/> threads (0 = all cores; the
    /// result is the same for every thread count).
    /// </summary>
    public Table Unique(Keep keep, IReadOnlyList<string> columns, int threads)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (keep is not (Keep.First or Keep.Last or Keep.None)) throw new ArgumentOutOfRangeException(nameof(keep), keep, "unknown Keep value");
        using var names = new Utf8StringArray(columns, nameof(columns));
        drc_table* t;
        if (Distributed is { } ctx)
            Native.Check(NativeMethods.drc_dist_unique(ctx.Ptr, Ptr, names.Pointer, names.Count, (int)keep, threads, &t));
        else
            Native.Check(NativeMethods.drc_table_unique(Ptr, names.Pointer, names.Count, (int)keep, threads, &t));
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>pandas-style alias of <see cref="Unique(string[])"/>.</summary>
    public Table DropDuplicates(params string[] columns) => Unique(Keep.First, columns, threads: 0);

    /// <summary>pandas-style alias of <see cref="Unique(Keep, string[])"/>.</summary>
    public Table DropDuplicates(Keep keep, params string[] columns) => Unique(keep, columns, threads: 0);
}
