using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// Whole-column aggregates (same semantics as <see cref="AggFunc"/>). Typed results: counts are
/// <see cref="long"/>; mean, variances, median and quantiles are <see cref="double"/>? (null when
/// the column has no values); sum, min, max, first and last return the value boxed as its natural
/// .NET type (see <see cref="Column.GetValue(long)"/>; sum is long, ulong or double) or null.
/// <see cref="Aggregate(Column, AggFunc, double)"/> returns the raw 1-element result column.
/// </summary>
public static unsafe class ColumnAggregates
{
    /// <summary>The 1-element result column of <paramref name="func"/> over <paramref name="column"/> (dispose it).</summary>
    public static Column Aggregate(this Column column, AggFunc func, double q = 0.5)
    {
        ArgumentNullException.ThrowIfNull(column);
        drc_array* result;
        Native.Check(NativeMethods.drc_array_aggregate(column.Ptr, (int)func, q, &result));
        GC.KeepAlive(column);
        return new Column(result, ownsMemory: true);
    }

    /// <summary>Sum (long, ulong or double), or null when there are no values.</summary>
    public static object? Sum(this Column column) => Boxed(column, AggFunc.Sum);
    /// <summary>Minimum in the column's natural .NET type, or null.</summary>
    public static object? Min(this Column column) => Boxed(column, AggFunc.Min);
    /// <summary>Maximum in the column's natural .NET type, or null.</summary>
    public static object? Max(this Column column) => Boxed(column, AggFunc.Max);
    /// <summary>First non-null value, or null.</summary>
    public static object? First(this Column column) => Boxed(column, AggFunc.First);
    /// <summary>Last non-null value, or null.</summary>
    public static object? Last(this Column column) => Boxed(column, AggFunc.Last);
    /// <summary>Number of non-null values.</summary>
    public static long Count(this Column column) => Int64(column, AggFunc.Count);
    /// <summary>Number of rows (nulls included).</summary>
    public static long CountAll(this Column column) => Int64(column, AggFunc.CountAll);
    /// <summary>Number of distinct non-null values.</summary>
    public static long NUnique(this Column column) => Int64(column, AggFunc.NUnique);
    /// <summary>Mean, or null without values.</summary>
    public static double? Mean(this Column column) => Float64(column, AggFunc.Mean);
    /// <summary>Sample variance (ddof = 1), or null below two values.</summary>
    public static double? Var(this Column column) => Float64(column, AggFunc.Var);
    /// <summary>Sample standard deviation (ddof = 1), or null below two values.</summary>
    public static double? Std(this Column column) => Float64(column, AggFunc.Std);
    /// <summary>Population variance, or null without values.</summary>
    public static double? VarPop(this Column column) => Float64(column, AggFunc.VarPop);
    /// <summary>Population standard deviation, or null without values.</summary>
    public static double? StdPop(this Column column) => Float64(column, AggFunc.StdPop);
    /// <summary>Median, or null without values.</summary>
    public static double? Median(this Column column) => Float64(column, AggFunc.Median);
    /// <summary>Quantile <paramref name="q"/> in [0, 1] (linear interpolation), or null without values.</summary>
    public static double? Quantile(this Column column, double q) => Float64(column, AggFunc.Quantile, q);

    private static object? Boxed(Column column, AggFunc func)
    {
        using var r = column.Aggregate(func);
        return r.GetValue(0);
    }

    private static long Int64(Column column, AggFunc func)
    {
        using var r = column.Aggregate(func);
        return r.Values<long>()[0];
    }

    private static double? Float64(Column column, AggFunc func, double q = 0.5)
    {
        using var r = column.Aggregate(func, q);
        return r.IsNull(0) ? null : r.Values<double>()[0];
    }
}
