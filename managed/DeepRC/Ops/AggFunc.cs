using DeepRC.Interop;

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
    Sum = (int)drc_agg_func.DRC_AGG_SUM,
    /// <summary>Number of non-null values (int64).</summary>
    Count = (int)drc_agg_func.DRC_AGG_COUNT,
    /// <summary>Number of rows, nulls included (int64).</summary>
    CountAll = (int)drc_agg_func.DRC_AGG_COUNT_ALL,
    /// <summary>Arithmetic mean (float64).</summary>
    Mean = (int)drc_agg_func.DRC_AGG_MEAN,
    /// <summary>Minimum; keeps the input type (strings, dates, timestamps, bool too).</summary>
    Min = (int)drc_agg_func.DRC_AGG_MIN,
    /// <summary>Maximum; keeps the input type.</summary>
    Max = (int)drc_agg_func.DRC_AGG_MAX,
    /// <summary>Sample variance (ddof = 1; null below two values), float64.</summary>
    Var = (int)drc_agg_func.DRC_AGG_VAR,
    /// <summary>Sample standard deviation (ddof = 1), float64.</summary>
    Std = (int)drc_agg_func.DRC_AGG_STD,
    /// <summary>Population variance (divides by n), float64.</summary>
    VarPop = (int)drc_agg_func.DRC_AGG_VAR_POP,
    /// <summary>Population standard deviation, float64.</summary>
    StdPop = (int)drc_agg_func.DRC_AGG_STD_POP,
    /// <summary>First non-null value in input order; keeps the input type.</summary>
    First = (int)drc_agg_func.DRC_AGG_FIRST,
    /// <summary>Last non-null value in input order; keeps the input type.</summary>
    Last = (int)drc_agg_func.DRC_AGG_LAST,
    /// <summary>Number of distinct non-null values (int64).</summary>
    NUnique = (int)drc_agg_func.DRC_AGG_NUNIQUE,
    /// <summary>Median (float64): <see cref="Quantile"/> at 0.5.</summary>
    Median = (int)drc_agg_func.DRC_AGG_MEDIAN,
    /// <summary>Quantile q in [0, 1] with linear interpolation between the closest ranks (pandas' default), float64.</summary>
    Quantile = (int)drc_agg_func.DRC_AGG_QUANTILE,
}
