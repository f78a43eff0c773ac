namespace DeepRC.CData;

/// <summary>
/// A record batch in managed memory: equally long <see cref="ManagedColumn"/>s with unique names.
/// Nothing here owns native memory, so it needs no disposal and may outlive any export or
/// import it took part in.
/// </summary>
public sealed class ManagedBatch
{
    private readonly ManagedColumn[] _columns;

    /// <summary>Creates a batch; columns must have equal lengths and unique, non-empty names.</summary>
    public ManagedBatch(params ManagedColumn[] columns) : this((IEnumerable<ManagedColumn>)columns) { }

    /// <summary>Creates a batch; columns must have equal lengths and unique, non-empty names.</summary>
    public ManagedBatch(IEnumerable<ManagedColumn> columns) : this(columns, length: null) { }

    /// <summary>Also used for batches without columns, whose length cannot be derived.</summary>
    internal ManagedBatch(IEnumerable<ManagedColumn> columns, int? length)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = columns.ToArray();
        Schema = new Schema(_columns.Select(c => c.Field));
        Length = length ?? (_columns.Length == 0 ? 0 : _columns[0].Length);
        foreach (var c in _columns)
        {
            if (c.Length != Length)
                throw new ArgumentException($"column '{c.Name}' has {c.Length} values but the batch has {Length} rows", nameof(columns));
        }
    }

    /// <summary>The fields of the columns, in order.</summary>
    public Schema Schema { get; }
    /// <summary>Number of rows.</summary>
    public int Length { get; }
    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<ManagedColumn> Columns => _columns;

    /// <summary>The named column; throws <see cref="KeyNotFoundException"/> listing the columns.</summary>
    public ManagedColumn this[string name]
    {
        get
        {
            int i = Schema.IndexOf(name);
            return i >= 0 ? _columns[i] : throw new KeyNotFoundException($"no column named '{name}' (columns: {string.Join(", ", Schema.Names)})");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"ManagedBatch [{Length} rows x {_columns.Length} columns]";
}
