using System.Runtime.CompilerServices;
using System.Text;
using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// One immutable Arrow column in native memory. Values are read in place (zero copy) through
/// spans; the spans stay valid while this <see cref="Column"/> is not disposed, even after the
/// table it came from is disposed (columns are reference counted natively).
/// </summary>
public sealed unsafe class Column : IDisposable
{
    private readonly ArrayHandle _handle;
    private readonly drc_array_info _info;
    private readonly long _pressure;

    internal Column(drc_array* array, bool ownsMemory)
    {
        _handle = new ArrayHandle(array);
        drc_array_info info;
        Native.Check(NativeMethods.drc_array_info_get(array, &info));
        _info = info;
        Type = DataType.FromNative(info.type);
        if (ownsMemory)
        {
            _pressure = Table.ColumnBytes(info);
            if (_pressure > 0) GC.AddMemoryPressure(_pressure);
        }
    }

    /// <summary>The column's type.</summary>
    public DataType Type { get; }
    /// <summary>Number of values.</summary>
    public long Length => _info.length;
    /// <summary>Number of nulls.</summary>
    public long NullCount => _info.null_count;
    /// <summary>Element offset into the underlying buffers (non-zero for zero-copy slices).</summary>
    public long Offset => _info.offset;

    internal drc_array* Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.Ptr;
        }
    }

    /// <summary>True when value <paramref name="index"/> is not null.</summary>
    public bool IsValid(long index)
    {
        CheckIndex(index);
        if (_info.validity == null) return true;
        long k = _info.offset + index;
        return ((_info.validity[k >> 3] >> (int)(k & 7)) & 1) != 0;
    }

    /// <summary>True when value <paramref name="index"/> is null.</summary>
    public bool IsNull(long index) => !IsValid(index);

    /// <summary>
    /// The raw validity bitmap (LSB bit order, starting at element 0 of the buffer: value i is bit
    /// <c>Offset + i</c>); empty when the column has no nulls.
    /// </summary>
    public ReadOnlySpan<byte> ValidityBitmap
    {
        get
        {
            _ = Ptr;
            return _info.validity == null ? default : new ReadOnlySpan<byte>(_info.validity, checked((int)((_info.offset + _info.length + 7) / 8)));
        }
    }

    /// <summary>
    /// Zero-copy view of fixed-width values. <typeparamref name="T"/> must match the physical
    /// type: sbyte/short/int/long, byte/ushort/uint/ulong, float/double, int for date32 (days),
    /// long for timestamps. Values under nulls are unspecified.
    /// </summary>
    public ReadOnlySpan<T> Values<T>() where T : unmanaged => Values<T>(0, checked((int)Length));

    /// <summary>Zero-copy view of <paramref name="count"/> values starting at <paramref name="start"/>.</summary>
    public ReadOnlySpan<T> Values<T>(long start, int count) where T : unmanaged
    {
        _ = Ptr;
        CheckValueType<T>();
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"range [{start}, {start + count}) outside column of {Length} values");
        return new ReadOnlySpan<T>((T*)_info.values + _info.offset + start, count);
    }

    /// <summary>Value <paramref name="index"/> of a bool column.</summary>
    public bool GetBool(long index)
    {
        CheckIndex(index);
        if (Type.Id != TypeId.Bool) throw new InvalidOperationException($"column is {Type}, not bool");
        long k = _info.offset + index;
        return ((_info.values[k >> 3] >> (int)(k & 7)) & 1) != 0;
    }

    /// <summary>The UTF-8 bytes of string value <paramref name="index"/>, in place.</summary>
    public ReadOnlySpan<byte> GetStringBytes(long index)
    {
        CheckIndex(index);
        if (!Type.IsString) throw new InvalidOperationException($"column is {Type}, not a string type");
        long k = _info.offset + index, begin, end;
        if (Type.Id == TypeId.LargeUtf8)
        {
            begin = ((long*)_info.values)[k];
            end = ((long*)_info.values)[k + 1];
        }
        else
        {
            begin = ((int*)_info.values)[k];
            end = ((int*)_info.values)[k + 1];
        }
        return new ReadOnlySpan<byte>(_info.data + begin, checked((int)(end - begin)));
    }

    /// <summary>String value <paramref name="index"/>, or null for a null.</summary>
    public string? GetString(long index) => IsNull(index) ? null : Encoding.UTF8.GetString(GetStringBytes(index));

    /// <summary>Value <paramref name="index"/> boxed as its natural .NET type (null for nulls):
    /// integers, float/double, bool, string, <see cref="DateOnly"/> for date32, <see cref="DateTime"/>
    /// (UTC) for timestamps.</summary>
    public object? GetValue(long index)
    {
        if (IsNull(index)) return null;
        return Type.Id switch
        {
            TypeId.Bool => GetBool(index),
            TypeId.Int8 => Values<sbyte>(index, 1)[0],
            TypeId.Int16 => Values<short>(index, 1)[0],
            TypeId.Int32 => Values<int>(index, 1)[0],
            TypeId.Int64 => Values<long>(index, 1)[0],
            TypeId.UInt8 => Values<byte>(index, 1)[0],
            TypeId.UInt16 => Values<ushort>(index, 1)[0],
            TypeId.UInt32 => Values<uint>(index, 1)[0],
            TypeId.UInt64 => Values<ulong>(index, 1)[0],
            TypeId.Float32 => Values<float>(index, 1)[0],
            TypeId.Float64 => Values<double>(index, 1)[0],
            TypeId.Utf8 or TypeId.LargeUtf8 => GetString(index),
            TypeId.Date32 => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + Values<int>(index, 1)[0]),
            TypeId.Timestamp => TimestampToDateTime(Values<long>(index, 1)[0], Type.Unit),
            _ => throw new InvalidOperationException($"unexpected type {Type}"),
        };
    }

    /// <summary>Value <paramref name="index"/> formatted as the native pretty printer does.</summary>
    public string Format(long index)
    {
        CheckIndex(index);
        byte* s;
        Native.Check(NativeMethods.drc_array_format_value(Ptr, index, &s));
        GC.KeepAlive(this);
        return Native.TakeString(s);
    }

    /// <summary>Zero-copy slice.</summary>
    public Column Slice(long offset, long length)
    {
        drc_array* result;
        Native.Check(NativeMethods.drc_array_slice(Ptr, offset, length, &result));
        GC.KeepAlive(this);
        return new Column(result, ownsMemory: false);
    }

    /// <summary>Same type, length, nulls and values.</summary>
    public bool ContentEquals(Column other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int eq;
        Native.Check(NativeMethods.drc_array_equals(Ptr, other.Ptr, &eq));
        GC.KeepAlive(this);
        GC.KeepAlive(other);
        return eq != 0;
    }

    /// <summary>Frees the native reference; spans obtained from this column become invalid.</summary>
    public void Dispose()
    {
        if (_handle.IsClosed) return;
        _handle.Dispose();
        if (_pressure > 0) GC.RemoveMemoryPressure(_pressure);
    }

    /// <inheritdoc />
    public override string ToString() => $"Column<{Type}>[{Length}]";

    internal static DateTime TimestampToDateTime(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => DateTime.UnixEpoch.AddTicks(checked(value * TimeSpan.TicksPerSecond)),
        TimeUnit.Millisecond => DateTime.UnixEpoch.AddTicks(checked(value * TimeSpan.TicksPerMillisecond)),
        TimeUnit.Microsecond => DateTime.UnixEpoch.AddTicks(checked(value * 10)),
        _ => DateTime.UnixEpoch.AddTicks(value / 100),
    };

    private void CheckIndex(long index)
    {
        _ = Ptr;
        if ((ulong)index >= (ulong)Length)
            throw new ArgumentOutOfRangeException(nameof(index), $"index {index} outside column of {Length} values");
    }

    private void CheckValueType<T>() where T : unmanaged
    {
        Type expected = Type.Id switch
        {
            TypeId.Int8 => typeof(sbyte),
            TypeId.Int16 => typeof(short),
            TypeId.Int32 or TypeId.Date32 => typeof(int),
            TypeId.Int64 or TypeId.Timestamp => typeof(long),
            TypeId.UInt8 => typeof(byte),
            TypeId.UInt16 => typeof(ushort),
            TypeId.UInt32 => typeof(uint),
            TypeId.UInt64 => typeof(ulong),
            TypeId.Float32 => typeof(float),
            TypeId.Float64 => typeof(double),
            _ => throw new InvalidOperationException($"column of type {Type} has no fixed-width values; use GetBool/GetString"),
        };
        if (typeof(T) != expected)
            throw new InvalidOperationException($"column of type {Type} holds {expected.Name} values, not {typeof(T).Name}");
    }
}
