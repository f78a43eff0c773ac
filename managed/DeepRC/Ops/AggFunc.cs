namespace DeepRC;

/// <summary>
/// Aggregate functions for <see cref="GroupedTable.Aggregate(Agg[])"/> and whole-column
/// aggregates (<see cref="ColumnAggregates"/>). Nulls are ignored (except by
/// <see cref="CountAll"/>); a group without values gives null (0 for the counts). NaN propagates
/// through sums, means and variances; for min/max/median/quantile/nunique NaN is one value that
/// sorts after +∞, and -0.0 equals 0.0.
/// </summary>
public enum AggFunc
{
    /// <summary>Sum: int64 for signed integers (overflow is an error), uint64 for unsigned, float64 for floats.</summary>
    Sum = 0,
    /// <summary>Number of non-null values (int64).</summary>
    Count = 1,
    /// <summary>Number of rows, nulls included (int64).</summary>
    CountAll = 2,
    /// <summary>Arithmetic mean (float64).</summary>
    Mean = 3,
    /// <summary>Minimum; keeps the input type (strings, dates, timestamps, bool too).</summary>
    Min = 4,
    /// <summary>Maximum; keeps the input type.</summary>
    Max = 5,
    /// <summary>Sample variance (ddof = 1; null below two values), float64.</summary>
    Var = 6,
    /// <summary>Sample standard deviation (ddof = 1), float64.</summary>
    Std = 7,
    /// <summary>Population variance (divides by n), float64.</summary>
    VarPop = 8,
    /// <summary>Population standard deviation, float64.</summary>
    StdPop = 9,
    /// <summary>First non-null value in input order; keeps the input type.</summary>
    First = 10,
    /// <summary>Last non-null value in input order; keeps the input type.</summary>
    Last = 11,
    /// <summary>Number of distinct non-null values (int64).</summary>
    NUnique = 12,
    /// <summary>Median (float64): <see cref="Quantile"/> at 0.5.</summary>
    Median = 13,
    /// <summary>Quantile q in [0, 1] with linear interpolation between the closest ranks (pandas' default), float64.</summary>
    Quantile = 14,
}
