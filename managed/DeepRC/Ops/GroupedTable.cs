using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// A table with grouping keys, from <see cref="Table.GroupBy(string[])"/>; call
/// <see cref="Aggregate(Agg[])"/> to compute. Immutable and cheap; it does not own the table.
/// </summary>
public sealed unsafe class GroupedTable
{
    private readonly Table _table;
    private readonly string[] _keys;

    internal GroupedTable(Table table, string[] keys, int threads)
    {
        _table = table;
        _keys = keys;
        Threads = threads;
    }

    /// <summary>The key columns.</summary>
    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Threads used by <see cref="Aggregate(Agg[])"/> (0 = all cores). Results are identical for every value.</summary>
    public int Threads { get; }

    /// <summary>The same grouping run on <paramref name="threads"/> threads (0 = all cores).</summary>
    public GroupedTable WithThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        return new GroupedTable(_table, _keys, threads);
    }

    /// <summary>
    /// One row per distinct key combination, in order of first appearance; the key columns, then
    /// one column per aggregation. Null keys form one group (per key column), NaN keys one group.
    /// Throws <see cref="DeepRcNotFoundException"/> for an unknown column and
    /// <see cref="DeepRcInvalidException"/> for an aggregate not defined on its column's type,
    /// duplicate output names or an integer sum overflow.
    /// </summary>
    public Table Aggregate(params Agg[] aggs) => Aggregate((IEnumerable<Agg>)aggs);

    /// <inheritdoc cref="Aggregate(Agg[])"/>
    public Table Aggregate(IEnumerable<Agg> aggs)
    {
        ArgumentNullException.ThrowIfNull(aggs);
        Agg[] list = aggs.ToArray();
        var strings = new List<Utf8Buffer>();
        try
        {
            var keyPtrs = new nint[_keys.Length];
            for (int i = 0; i < _keys.Length; i++) keyPtrs[i] = (nint)Add(strings, _keys[i]);
            var native = new drc_aggregate[list.Length];
            for (int i = 0; i < list.Length; i++)
            {
                Agg a = list[i] ?? throw new ArgumentException($"aggregation {i} is null", nameof(aggs));
                native[i] = new drc_aggregate
                {
                    column = Add(strings, a.Column),
                    func = (int)a.Func,
                    q = a.Q,
                    alias = Add(strings, a.Alias),
                };
            }
            drc_table* result;
            fixed (nint* k = keyPtrs)
            fixed (drc_aggregate* ag = native)
            {
                if (_table.Distributed is { } ctx)
                    Native.Check(NativeMethods.drc_dist_groupby(ctx.Ptr, _table.Ptr, (byte**)k, keyPtrs.Length, ag, native.Length, Threads, &result));
                else
                    Native.Check(NativeMethods.drc_table_groupby(_table.Ptr, (byte**)k, keyPtrs.Length, ag, native.Length, Threads, &result));
            }
            GC.KeepAlive(_table);
            return _table.Derived(result);
        }
        finally
        {
            foreach (var s in strings) s.Dispose();
        }
    }

    private static byte* Add(List<Utf8Buffer> strings, string? value)
    {
        if (value is null) return null;
        var b = new Utf8Buffer(value);
        strings.Add(b);
        return b.Pointer;
    }
}
