using DeepRC.Interop;

namespace DeepRC;

/// <summary>Column operations: distinct values.</summary>
public static unsafe class ColumnOperations
{
    /// <summary>
    /// The distinct values of <paramref name="column"/> in order of first appearance (at most one
    /// null; NaN equals NaN and -0.0 equals 0.0), computed on <paramref name="threads"/> threads (0 = all cores).
    /// </summary>
    public static Column Unique(this Column column, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(column);
        drc_array* a;
        Native.Check(NativeMethods.drc_array_unique(column.Ptr, threads, &a));
        GC.KeepAlive(column);
        return new Column(a, ownsMemory: true);
    }
}
