using System.Collections;
using DeepRC.Interop;

namespace DeepRC;

/// <summary>A named, typed column of a schema.</summary>
public sealed record Field(string Name, DataType Type, bool Nullable = true)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Type}{(Nullable ? "" : " not null")}";
}

/// <summary>An ordered list of uniquely named fields.</summary>
public sealed class Schema : IReadOnlyList<Field>, IEquatable<Schema>
{
    private readonly Field[] _fields;
    private readonly Dictionary<string, int> _index;

    /// <summary>Creates a schema; names must be non-empty and unique.</summary>
    public Schema(IEnumerable<Field> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = fields.ToArray();
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < _fields.Length; i++)
        {
            if (string.IsNullOrEmpty(_fields[i].Name))
                throw new ArgumentException($"field {i} has an empty name", nameof(fields));
            if (!_index.TryAdd(_fields[i].Name, i))
                throw new ArgumentException($"duplicate column name '{_fields[i].Name}'", nameof(fields));
        }
    }

    /// <summary>Creates a schema from fields.</summary>
    public Schema(params Field[] fields) : this((IEnumerable<Field>)fields) { }

    /// <inheritdoc />
    public Field this[int index] => _fields[index];
    /// <summary>The field with this name; throws <see cref="KeyNotFoundException"/> naming it.</summary>
    public Field this[string name] => _fields[IndexOf(name) is var i and >= 0 ? i : throw NotFound(name)];
    /// <inheritdoc />
    public int Count => _fields.Length;
    /// <summary>Index of the named field, or -1.</summary>
    public int IndexOf(string name) => _index.TryGetValue(name, out int i) ? i : -1;
    /// <summary>Field names in order.</summary>
    public IEnumerable<string> Names => _fields.Select(f => f.Name);

    /// <inheritdoc />
    public IEnumerator<Field> GetEnumerator() => ((IEnumerable<Field>)_fields).GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(Schema? other) => other is not null && _fields.SequenceEqual(other._fields);
    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Schema);
    /// <inheritdoc />
    public override int GetHashCode() => _fields.Aggregate(17, (h, f) => HashCode.Combine(h, f));
    /// <inheritdoc />
    public override string ToString() => string.Join(Environment.NewLine, _fields.Select(f => f.ToString()));

    private KeyNotFoundException NotFound(string name) =>
        new($"no column named '{name}' (columns: {string.Join(", ", Names)})");

    internal static unsafe Schema FromNative(drc_schema* s)
    {
        int n = NativeMethods.drc_schema_num_fields(s);
        var fields = new Field[n];
        for (int i = 0; i < n; i++)
        {
            drc_field_info info;
            Native.Check(NativeMethods.drc_schema_field(s, i, &info));
            fields[i] = new Field(Native.FromUtf8(info.name)!, DataType.FromNative(info.type), info.nullable != 0);
        }
        return new Schema(fields);
    }

    /// <summary>Builds the native schema (caller owns the handle).</summary>
    internal unsafe SchemaHandle ToNative()
    {
        Native.EnsureLoaded();
        var names = new Utf8Buffer[_fields.Length];
        var tzs = new Utf8Buffer[_fields.Length];
        try
        {
            var infos = new drc_field_info[_fields.Length];
            for (int i = 0; i < _fields.Length; i++)
            {
                names[i] = new Utf8Buffer(_fields[i].Name);
                tzs[i] = new Utf8Buffer(_fields[i].Type.Timezone);
                infos[i].name = names[i].Pointer;
                infos[i].type = new drc_data_type
                {
                    id = (int)_fields[i].Type.Id,
                    unit = (int)_fields[i].Type.Unit,
                    timezone = tzs[i].Pointer,
                };
                infos[i].nullable = _fields[i].Nullable ? 1 : 0;
            }
            drc_schema* result;
            fixed (drc_field_info* p = infos)
                Native.Check(NativeMethods.drc_schema_create(p, infos.Length, &result));
            return new SchemaHandle(result);
        }
        finally
        {
            foreach (var n in names) n.Dispose();
            foreach (var t in tzs) t.Dispose();
        }
    }
}
