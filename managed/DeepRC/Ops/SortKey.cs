namespace DeepRC;

/// <summary>Direction of one sort key.</summary>
public enum SortOrder
{
    /// <summary>Smallest first (NaN is the largest float value).</summary>
    Ascending = 0,
    /// <summary>Largest first (NaN first among the values).</summary>
    Descending = 1,
}

/// <summary>Where null keys go, independently of the direction.</summary>
public enum NullPlacement
{
    /// <summary>Nulls after every value (the default).</summary>
    Last = 0,
    /// <summary>Nulls before every value.</summary>
    First = 1,
}

/// <summary>
/// One key of a sort: a column, a direction and a null placement. Immutable; the fluent
/// modifiers return modified copies: <c>SortKey.Desc("b").NullsFirst()</c>. A column name converts
/// implicitly to an ascending, nulls-last key, so <c>table.Sort("a", "b")</c> works.
/// </summary>
/// <remarks>
/// Order: integers, dates and timestamps numerically; false &lt; true; strings bytewise (Unicode
/// code point order); floats -inf &lt; … &lt; -0.0 == 0.0 &lt; … &lt; +inf &lt; NaN. Sorting is stable.
/// </remarks>
/// <param name="Column">The key column's name.</param>
/// <param name="Order">Ascending or descending.</param>
/// <param name="Nulls">Nulls first or last.</param>
public sealed record SortKey(string Column, SortOrder Order = SortOrder.Ascending, NullPlacement Nulls = NullPlacement.Last)
{
    /// <summary>The key column's name.</summary>
    public string Column { get; init; } = Column ?? throw new ArgumentNullException(nameof(Column));

    /// <summary>An ascending, nulls-last key on <paramref name="column"/>.</summary>
    public static SortKey Asc(string column) => new(column);

    /// <summary>A descending, nulls-last key on <paramref name="column"/>.</summary>
    public static SortKey Desc(string column) => new(column, SortOrder.Descending);

    /// <summary>This key with nulls placed before every value.</summary>
    public SortKey NullsFirst() => this with { Nulls = NullPlacement.First };

    /// <summary>This key with nulls placed after every value.</summary>
    public SortKey NullsLast() => this with { Nulls = NullPlacement.Last };

    /// <summary>This key in ascending order.</summary>
    public SortKey Ascending() => this with { Order = SortOrder.Ascending };

    /// <summary>This key in descending order.</summary>
    public SortKey Descending() => this with { Order = SortOrder.Descending };

    /// <summary>An ascending, nulls-last key on the named column.</summary>
    public static implicit operator SortKey(string column) => new(column);

    /// <summary>Same as the implicit conversion from a column name.</summary>
    public static SortKey FromString(string column) => new(column);

    /// <summary>"column:asc|desc:nulls_first|nulls_last".</summary>
    public override string ToString() =>
        $"{Column}:{(Order == SortOrder.Descending ? "desc" : "asc")}:{(Nulls == NullPlacement.First ? "nulls_first" : "nulls_last")}";
}
