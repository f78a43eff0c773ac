using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>
    /// The rows reordered by <paramref name="keys"/> (the first key is the most significant),
    /// stably, on all cores. Throws <see cref="DeepRcNotFoundException"/> naming an unknown column.
    /// </summary>
    public Table Sort(params SortKey[] keys) => Sort(keys, threads: 0);

    /// <summary>The rows reordered by <paramref name="keys"/> using <paramref name="threads"/> threads (0 = all cores).</summary>
    public Table Sort(IReadOnlyList<SortKey> keys, int threads)
    {
        drc_table* t;
        using (var native = new NativeSortKeys(keys))
        {
            if (Distributed is { } ctx)
                Native.Check(NativeMethods.drc_dist_sort(ctx.Ptr, Ptr, native.Keys, native.Count, threads, &t));
            else
                Native.Check(NativeMethods.drc_table_sort(Ptr, native.Keys, native.Count, threads, &t));
        }
        GC.KeepAlive(this);
        return Derived(t);
    }

    /// <summary>The permutation (an int64 column) that <see cref="Sort(SortKey[])"/> applies.</summary>
    public Column SortIndices(params SortKey[] keys) => SortIndices(keys, threads: 0);

    /// <summary>The permutation (an int64 column) that sorting by <paramref name="keys"/> applies.</summary>
    public Column SortIndices(IReadOnlyList<SortKey> keys, int threads)
    {
        drc_array* a;
        using (var native = new NativeSortKeys(keys))
            Native.Check(NativeMethods.drc_table_sort_indices(Ptr, native.Keys, native.Count, threads, &a));
        GC.KeepAlive(this);
        return new Column(a, ownsMemory: true);
    }

    /// <summary>True when the rows are already ordered by <paramref name="keys"/>.</summary>
    public bool IsSorted(params SortKey[] keys)
    {
        int result;
        using (var native = new NativeSortKeys(keys))
            Native.Check(NativeMethods.drc_table_is_sorted(Ptr, native.Keys, native.Count, &result));
        GC.KeepAlive(this);
        return result != 0;
    }

    /// <summary>Sort keys marshalled to native memory (UTF-8 names), freed on dispose.</summary>
    private readonly struct NativeSortKeys : IDisposable
    {
        private readonly Utf8Buffer[] _names;
        private readonly drc_sort_key[] _keys;

        public NativeSortKeys(IReadOnlyList<SortKey> keys)
        {
            ArgumentNullException.ThrowIfNull(keys);
            _names = new Utf8Buffer[keys.Count];
            _keys = GC.AllocateArray<drc_sort_key>(keys.Count, pinned: true);
            for (int i = 0; i < keys.Count; i++)
            {
                var k = keys[i] ?? throw new ArgumentNullException(nameof(keys), $"sort key {i} is null");
                _names[i] = new Utf8Buffer(k.Column);
                _keys[i] = new drc_sort_key
                {
                    column = _names[i].Pointer,
                    descending = k.Order == SortOrder.Descending ? 1 : 0,
                    nulls_first = k.Nulls == NullPlacement.First ? 1 : 0,
                };
            }
        }

        // The array is pinned, so its address is stable; an empty list lets the native side report it.
        public drc_sort_key* Keys => _keys.Length == 0 ? null : (drc_sort_key*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _keys[0]);
        public int Count => _keys.Length;

        public void Dispose()
        {
            for (int i = 0; i < _names.Length; i++) _names[i].Dispose();
        }
    }
}
