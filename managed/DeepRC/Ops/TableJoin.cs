using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>
    /// Joins this (left) table with <paramref name="right"/> on a key column present in both.
    /// Output: left columns then right columns; the shared key appears once (the left key, the right
    /// one for <see cref="JoinType.Right"/>, left-else-right for <see cref="JoinType.Full"/>); other
    /// names present in both get <see cref="JoinOptions.Suffixes"/>. Null keys never match. Row order
    /// is deterministic but unspecified.
    /// </summary>
    /// <exception cref="DeepRcException">Unknown key column (named), mismatched key types (both named), colliding names.</exception>
    public Table Join(Table right, string on, JoinType how = JoinType.Inner, JoinOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(on);
        return Join(right, [on], [on], how, options);
    }

    /// <summary>Joins on several key columns present in both tables (see <see cref="Join(Table, string, JoinType, JoinOptions?)"/>).</summary>
    public Table Join(Table right, IReadOnlyList<string> on, JoinType how = JoinType.Inner, JoinOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(on);
        return Join(right, on, on, how, options);
    }

    /// <summary>Joins left column <paramref name="leftOn"/> with right column <paramref name="rightOn"/>; both key columns are kept when the names differ.</summary>
    public Table Join(Table right, string leftOn, string rightOn, JoinType how = JoinType.Inner, JoinOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(leftOn);
        ArgumentNullException.ThrowIfNull(rightOn);
        return Join(right, [leftOn], [rightOn], how, options);
    }

    /// <summary>
    /// Joins on pairs of key columns: <paramref name="leftOn"/>[i] of this table equals
    /// <paramref name="rightOn"/>[i] of <paramref name="right"/>. A pair with the same name on both
    /// sides is emitted once; pairs with different names keep both columns.
    /// </summary>
    public Table Join(Table right, IReadOnlyList<string> leftOn, IReadOnlyList<string> rightOn, JoinType how = JoinType.Inner,
                      JoinOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(right);
        ArgumentNullException.ThrowIfNull(leftOn);
        ArgumentNullException.ThrowIfNull(rightOn);
        if (leftOn.Count == 0) throw new ArgumentException("at least one key column is required", nameof(leftOn));
        if (leftOn.Count != rightOn.Count)
            throw new ArgumentException($"{leftOn.Count} left key column(s) but {rightOn.Count} right key column(s)", nameof(rightOn));
        if (!Enum.IsDefined(how)) throw new ArgumentOutOfRangeException(nameof(how), how, "unknown join type");
        options ??= new JoinOptions();
        if (!Enum.IsDefined(options.Algorithm))
            throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "unknown join algorithm");

        using var left = new Utf8StringArray(leftOn, nameof(leftOn));
        using var rightKeys = new Utf8StringArray(rightOn, nameof(rightOn));
        using var ls = new Utf8Buffer(options.Suffixes.Left ?? "");
        using var rs = new Utf8Buffer(options.Suffixes.Right ?? "");
        drc_join_options o;
        NativeMethods.drc_join_options_init(&o);
        o.type = (int)how;
        o.algorithm = (int)options.Algorithm;
        o.left_on = left.Pointer;
        o.right_on = rightKeys.Pointer;
        o.num_keys = leftOn.Count;
        o.allow_cast = options.AllowCast ? 1 : 0;
        o.left_suffix = ls.Pointer;
        o.right_suffix = rs.Pointer;
        o.num_threads = options.Threads;
        drc_table* t;
        if (DistributedWith(right, nameof(right)) is { } ctx)
            Native.Check(NativeMethods.drc_dist_join(ctx.Ptr, Ptr, right.Ptr, &o, &t));
        else
            Native.Check(NativeMethods.drc_table_join(Ptr, right.Ptr, &o, &t));
        GC.KeepAlive(this);
        GC.KeepAlive(right);
        return Derived(t);
    }
}
