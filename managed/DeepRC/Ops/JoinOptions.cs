namespace DeepRC;

/// <summary>Options for <see cref="Table.Join(Table, string, JoinType, JoinOptions?)"/> and its overloads.</summary>
public sealed record JoinOptions
{
    /// <summary>
    /// Appended to the names of non-key columns present in both tables (left, right). Default ("_x", "_y").
    /// A suffixed name that still collides is an error.
    /// </summary>
    public (string Left, string Right) Suffixes { get; init; } = ("_x", "_y");

    /// <summary>Join algorithm. Default <see cref="JoinAlgorithm.Auto"/>.</summary>
    public JoinAlgorithm Algorithm { get; init; } = JoinAlgorithm.Auto;

    /// <summary>
    /// Compare numeric keys of different types (e.g. int32 with int64) as a common type instead of
    /// failing. Strings are never cast to numbers.
    /// </summary>
    public bool AllowCast { get; init; }

    /// <summary>Threads; 0 = all cores.</summary>
    public int Threads { get; init; }
}
