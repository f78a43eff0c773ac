using DeepRC.Interop;

namespace DeepRC;

/// <summary>How a join is computed. Every algorithm gives the same rows (the order may differ).</summary>
public enum JoinAlgorithm
{
    /// <summary>Let DeepRC choose (currently the hash join).</summary>
    Auto = (int)drc_join_algorithm.DRC_JOIN_ALGORITHM_AUTO,
    /// <summary>Partitioned hash join on all threads; works on any input order.</summary>
    Hash = (int)drc_join_algorithm.DRC_JOIN_ALGORITHM_HASH,
    /// <summary>
    /// Merge join for inputs already sorted ascending by the key columns (rows with a null key may be
    /// anywhere). Unsorted input is an error naming the side and row; it does not sort. Single-threaded.
    /// </summary>
    SortMerge = (int)drc_join_algorithm.DRC_JOIN_ALGORITHM_SORT_MERGE,
}
