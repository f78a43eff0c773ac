using DeepRC.Interop;

namespace DeepRC;

/// <summary>The kind of relational join (SQL semantics: a null key never matches).</summary>
public enum JoinType
{
    /// <summary>Matching pairs only.</summary>
    Inner = (int)drc_join_type.DRC_JOIN_INNER,
    /// <summary>Matching pairs plus left rows without a match (right columns null).</summary>
    Left = (int)drc_join_type.DRC_JOIN_LEFT,
    /// <summary>Matching pairs plus right rows without a match (left columns null).</summary>
    Right = (int)drc_join_type.DRC_JOIN_RIGHT,
    /// <summary>Matching pairs plus unmatched rows of both sides.</summary>
    Full = (int)drc_join_type.DRC_JOIN_FULL,
    /// <summary>Left rows with at least one match; left columns only, each row at most once.</summary>
    Semi = (int)drc_join_type.DRC_JOIN_SEMI,
    /// <summary>Left rows without a match (including rows with a null key); left columns only.</summary>
    Anti = (int)drc_join_type.DRC_JOIN_ANTI,
}
