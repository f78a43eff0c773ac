namespace DeepRC;

/// <summary>
/// One aggregation of a groupby: a function over a column, with an optional output name.
/// Immutable; build with the static factories and rename with <see cref="As"/>, e.g.
/// <c>Agg.Quantile("v", 0.9).As("p90")</c>. The default output name is
/// <c>&lt;column&gt;_&lt;func&gt;</c> (<c>v_sum</c>, <c>v_var_pop</c>, <c>v_count_all</c>), for quantiles
/// <c>&lt;column&gt;_q&lt;q*100&gt;</c> (<c>v_q90</c>), and <c>count_all</c> for <see cref="CountAll"/> without a column.
/// </summary>
/// <param name="Column">Input column; null only for <see cref="AggFunc.CountAll"/>.</param>
/// <param name="Func">The function.</param>
/// <param name="Q">Quantile in [0, 1] (used by <see cref="AggFunc.Quantile"/> only).</param>
/// <param name="Alias">Output column name; null = the default name.</param>
public sealed record Agg(string? Column, AggFunc Func, double Q = 0.5, string? Alias = null)
{
    /// <summary>The same aggregation with output column name <paramref name="alias"/>.</summary>
    public Agg As(string alias)
    {
        ArgumentException.ThrowIfNullOrEmpty(alias);
        return this with { Alias = alias };
    }

    /// <summary>Sum of the non-null values.</summary>
    public static Agg Sum(string column) => Of(column, AggFunc.Sum);
    /// <summary>Number of non-null values.</summary>
    public static Agg Count(string column) => Of(column, AggFunc.Count);
    /// <summary>Number of rows of each group (column optional; it only names the output).</summary>
    public static Agg CountAll(string? column = null) => new(column, AggFunc.CountAll);
    /// <summary>Mean of the non-null values.</summary>
    public static Agg Mean(string column) => Of(column, AggFunc.Mean);
    /// <summary>Minimum.</summary>
    public static Agg Min(string column) => Of(column, AggFunc.Min);
    /// <summary>Maximum.</summary>
    public static Agg Max(string column) => Of(column, AggFunc.Max);
    /// <summary>Sample variance (ddof = 1).</summary>
    public static Agg Var(string column) => Of(column, AggFunc.Var);
    /// <summary>Sample standard deviation (ddof = 1).</summary>
    public static Agg Std(string column) => Of(column, AggFunc.Std);
    /// <summary>Population variance.</summary>
    public static Agg VarPop(string column) => Of(column, AggFunc.VarPop);
    /// <summary>Population standard deviation.</summary>
    public static Agg StdPop(string column) => Of(column, AggFunc.StdPop);
    /// <summary>First non-null value in input order.</summary>
    public static Agg First(string column) => Of(column, AggFunc.First);
    /// <summary>Last non-null value in input order.</summary>
    public static Agg Last(string column) => Of(column, AggFunc.Last);
    /// <summary>Number of distinct non-null values.</summary>
    public static Agg NUnique(string column) => Of(column, AggFunc.NUnique);
    /// <summary>Median.</summary>
    public static Agg Median(string column) => Of(column, AggFunc.Median);

    /// <summary>Quantile <paramref name="q"/> in [0, 1] (linear interpolation).</summary>
    public static Agg Quantile(string column, double q)
    {
        if (!(q >= 0 && q <= 1)) throw new ArgumentOutOfRangeException(nameof(q), q, "q must be in [0, 1]");
        return Of(column, AggFunc.Quantile) with { Q = q };
    }

    private static Agg Of(string column, AggFunc func)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        return new Agg(column, func);
    }
}
