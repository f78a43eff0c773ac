using DeepRC.Interop;

namespace DeepRC;

/// <summary>Which row of each group of duplicate keys <see cref="Table.Unique(Keep, string[])"/> keeps.</summary>
public enum Keep
{
    /// <summary>The first row of every group.</summary>
    First = drc_keep.DRC_KEEP_FIRST,
    /// <summary>The last row of every group.</summary>
    Last = drc_keep.DRC_KEEP_LAST,
    /// <summary>No row of a duplicated key: only rows whose key occurs exactly once.</summary>
    None = drc_keep.DRC_KEEP_NONE,
}
