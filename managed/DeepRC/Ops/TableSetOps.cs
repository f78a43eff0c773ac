using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>
    /// SQL UNION: the distinct rows of this table, then the rows of <paramref name="other"/> not
    /// already seen, each in input order. The tables need the same column names and types (utf8
    /// and large_utf8 differ); the result has this table's schema. Nulls equal nulls.
    /// </summary>
    public Table Union(Table other, int threads = 0) => SetOp(other, drc_set_op.DRC_SET_UNION, threads);

    /// <summary>SQL UNION ALL: the rows of this table followed by the rows of <paramref name="other"/>.</summary>
    public Table UnionAll(Table other, int threads = 0) => SetOp(other, drc_set_op.DRC_SET_UNION_ALL, threads);

    /// <summary>SQL INTERSECT: the distinct rows of this table that also occur in <paramref name="other"/>, in this table's order.</summary>
    public Table Intersect(Table other, int threads = 0) => SetOp(other, drc_set_op.DRC_SET_INTERSECT, threads);

    /// <summary>SQL EXCEPT: the distinct rows of this table that do not occur in <paramref name="other"/>, in this table's order.</summary>
    public Table Difference(Table other, int threads = 0) => SetOp(other, drc_set_op.DRC_SET_DIFFERENCE, threads);

    private Table SetOp(Table other, drc_set_op op, int threads)
    {
        ArgumentNullException.ThrowIfNull(other);
        drc_table* t;
        if (DistributedWith(other, nameof(other)) is { } ctx)
            Native.Check(NativeMethods.drc_dist_set_op(ctx.Ptr, Ptr, other.Ptr, (int)op, threads, &t));
        else
            Native.Check(NativeMethods.drc_table_set_op(Ptr, other.Ptr, (int)op, threads, &t));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return Derived(t);
    }
}
