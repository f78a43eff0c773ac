namespace DeepRC;

public sealed partial class Table
{
    /// <summary>
    /// Groups by the key columns, e.g.
    /// <c>table.GroupBy("k1", "k2").Aggregate(Agg.Sum("v"), Agg.Mean("v"), Agg.Quantile("v", 0.9).As("p90"))</c>.
    /// </summary>
    public GroupedTable GroupBy(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0) throw new ArgumentException("at least one key column is required", nameof(keys));
        foreach (var k in keys) ArgumentException.ThrowIfNullOrEmpty(k, nameof(keys));
        return new GroupedTable(this, (string[])keys.Clone(), threads: 0);
    }
}
