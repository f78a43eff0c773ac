namespace DeepRC.CData;

/// <summary>
/// One column held entirely in managed memory: a <see cref="DeepRC.Field"/> and its values in a
/// plain .NET array, with an optional validity array. This is what the managed Arrow C Data
/// consumer (<see cref="ManagedArrowImporter"/>) produces and what the managed producer
/// (<see cref="ManagedArrowExporter"/>) exports.
/// </summary>
/// <remarks>
/// Storage per type: <c>bool[]</c> for bool; <c>sbyte[]</c>, <c>short[]</c>, <c>int[]</c>,
/// <c>long[]</c>, <c>byte[]</c>, <c>ushort[]</c>, <c>uint[]</c>, <c>ulong[]</c>, <c>float[]</c>,
/// <c>double[]</c> for the numeric types; <c>int[]</c> (days since the epoch) for date32;
/// <c>long[]</c> (in the type's unit) for timestamps; <c>string?[]</c> for utf8 and large_utf8,
/// where a null entry is a null value. The arrays are held by reference, not copied: the
/// exporter pins fixed-width arrays and hands them to the consumer zero-copy, so do not mutate
/// them while an export is alive.
/// </remarks>
public sealed class ManagedColumn
{
    private readonly Array _values;
    private readonly bool[]? _validity;

    private ManagedColumn(Field field, Array values, bool[]? validity)
    {
        Field = field;
        _values = values;
        Length = values.Length;
        if (validity is not null && validity.Length != values.Length)
            throw new ArgumentException($"validity has {validity.Length} entries for {values.Length} values of column '{field.Name}'", nameof(validity));
        if (values is string?[] strings)
        {
            // For strings a null reference is the null; a separate validity array would be redundant.
            NullCount = strings.Count(s => s is null);
        }
        else if (validity is not null)
        {
            NullCount = validity.Count(v => !v);
            _validity = NullCount == 0 ? null : validity;
        }
        if (NullCount > 0 && !field.Nullable)
            throw new ArgumentException($"column '{field.Name}' is not nullable but has {NullCount} nulls", nameof(validity));
    }

    /// <summary>Name, type and nullability.</summary>
    public Field Field { get; }
    /// <summary>The column name.</summary>
    public string Name => Field.Name;
    /// <summary>The column type.</summary>
    public DataType Type => Field.Type;
    /// <summary>Number of values.</summary>
    public int Length { get; }
    /// <summary>Number of null values.</summary>
    public int NullCount { get; }

    /// <summary>A column of fixed-width values (or bools); <paramref name="validity"/> (optional)
    /// marks non-null entries. <paramref name="type"/> defaults to the natural type of
    /// <typeparamref name="T"/>; pass <see cref="DataType.Date32"/> for int days or a timestamp
    /// type for long values. The arrays are used as they are (not copied).</summary>
    public static ManagedColumn FromValues<T>(string name, T[] values, DataType? type = null, bool[]? validity = null, bool nullable = true)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        type ??= NaturalType(typeof(T));
        if (type.IsString || StorageType(type) != typeof(T[]))
            throw new ArgumentException($"{typeof(T).Name} values cannot make a {type} column ('{name}')", nameof(type));
        return new ManagedColumn(new Field(name, type, nullable), values, validity);
    }

    /// <summary>A column from nullable values (null → null entry).</summary>
    public static ManagedColumn FromNullable<T>(string name, IReadOnlyList<T?> values, DataType? type = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = new T[values.Count];
        var ok = new bool[values.Count];
        for (int i = 0; i < v.Length; i++)
        {
            ok[i] = values[i].HasValue;
            v[i] = values[i].GetValueOrDefault();
        }
        return FromValues(name, v, type, ok);
    }

    /// <summary>A utf8 (or large_utf8) column; null entries are nulls. The array is used as it is.</summary>
    public static ManagedColumn FromStrings(string name, string?[] values, bool large = false, bool nullable = true)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(values);
        return new ManagedColumn(new Field(name, large ? DataType.LargeUtf8 : DataType.Utf8, nullable), values, null);
    }

    /// <summary>A column with this field's type from an array of the matching storage type (see
    /// the remarks on <see cref="ManagedColumn"/>); used by the importer.</summary>
    internal static ManagedColumn Create(Field field, Array values, bool[]? validity)
    {
        if (values.GetType() != StorageType(field.Type))
            throw new ArgumentException($"column '{field.Name}' of type {field.Type} cannot hold {values.GetType().Name}", nameof(values));
        return new ManagedColumn(field, values, validity);
    }

    /// <summary>The values as a span; <typeparamref name="T"/> must be the storage type (bool for
    /// bool, int for date32, long for timestamps). Values under nulls are unspecified.</summary>
    public ReadOnlySpan<T> GetValues<T>() where T : unmanaged =>
        // An exact type check: the runtime would let `as` view an sbyte[] as byte[] (or int[] as uint[]).
        _values.GetType() == typeof(T[]) ? (T[])_values : throw new InvalidOperationException($"column '{Name}' of type {Type} holds {_values.GetType().GetElementType()!.Name} values, not {typeof(T).Name}");

    /// <summary>The strings of a utf8 / large_utf8 column (null entries are nulls).</summary>
    public IReadOnlyList<string?> GetStrings() =>
        _values as string?[] ?? throw new InvalidOperationException($"column '{Name}' of type {Type} is not a string column");

    /// <summary>The storage array itself (see the remarks on <see cref="ManagedColumn"/>).</summary>
    public Array RawValues => _values;

    /// <summary>The validity array (true = not null), or null when the column has no nulls or
    /// is a string column (where null references are the nulls).</summary>
    public IReadOnlyList<bool>? Validity => _validity;

    /// <summary>True when value <paramref name="index"/> is not null.</summary>
    public bool IsValid(int index)
    {
        if ((uint)index >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside column '{Name}' of {Length} values");
        return _values is string?[] s ? s[index] is not null : _validity is null || _validity[index];
    }

    /// <summary>Value <paramref name="index"/> boxed as <see cref="Column.GetValue"/> does: null for
    /// nulls, <see cref="DateOnly"/> for date32, <see cref="DateTime"/> (UTC) for timestamps.</summary>
    public object? GetValue(int index)
    {
        if (!IsValid(index)) return null;
        return Type.Id switch
        {
            TypeId.Date32 => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + ((int[])_values)[index]),
            TypeId.Timestamp => Column.TimestampToDateTime(((long[])_values)[index], Type.Unit),
            _ => _values.GetValue(index),
        };
    }

    /// <inheritdoc />
    public override string ToString() => $"ManagedColumn {Field}[{Length}]";

    /// <summary>The .NET array type that holds values of <paramref name="type"/>.</summary>
    internal static Type StorageType(DataType type) => type.Id switch
    {
        TypeId.Bool => typeof(bool[]),
        TypeId.Int8 => typeof(sbyte[]),
        TypeId.Int16 => typeof(short[]),
        TypeId.Int32 or TypeId.Date32 => typeof(int[]),
        TypeId.Int64 or TypeId.Timestamp => typeof(long[]),
        TypeId.UInt8 => typeof(byte[]),
        TypeId.UInt16 => typeof(ushort[]),
        TypeId.UInt32 => typeof(uint[]),
        TypeId.UInt64 => typeof(ulong[]),
        TypeId.Float32 => typeof(float[]),
        TypeId.Float64 => typeof(double[]),
        TypeId.Utf8 or TypeId.LargeUtf8 => typeof(string[]),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown type"),
    };

    private static DataType NaturalType(Type t) =>
        t == typeof(bool) ? DataType.Bool :
        t == typeof(sbyte) ? DataType.Int8 :
        t == typeof(short) ? DataType.Int16 :
        t == typeof(int) ? DataType.Int32 :
        t == typeof(long) ? DataType.Int64 :
        t == typeof(byte) ? DataType.UInt8 :
        t == typeof(ushort) ? DataType.UInt16 :
        t == typeof(uint) ? DataType.UInt32 :
        t == typeof(ulong) ? DataType.UInt64 :
        t == typeof(float) ? DataType.Float32 :
        t == typeof(double) ? DataType.Float64 :
        throw new ArgumentException($"{t.Name} is not a supported column value type");
}
