namespace DeepRC;

/// <summary>The kind of relational join (SQL semantics: a null key never matches).</summary>
public enum JoinType
{
    /// <summary>Matching pairs only.</summary>
    Inner = 0,
    /// <summary>Matching pairs plus left rows without a match (right columns null).</summary>
    Left = 1,
    /// <summary>Matching pairs plus right rows without a match (left columns null).</summary>
    Right = 2,
    /// <summary>Matching pairs plus unmatched rows of both sides.</summary>
    Full = 3,
    /// <summary>Left rows with at least one match; left columns only, each row at most once.</summary>
    Semi = 4,
    /// <summary>Left rows without a match (including rows with a null key); left columns only.</summary>
    Anti = 5,
}
