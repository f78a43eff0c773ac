using System.Runtime.InteropServices;
using System.Text;
using DeepRC.Interop;

namespace DeepRC;

/// <summary>Builds native columns from managed data (values are copied into native memory).</summary>
public static unsafe class ColumnFactory
{
    /// <summary>A column of fixed-width values; <paramref name="valid"/> (optional) marks non-null
    /// entries. <paramref name="type"/> defaults to the natural type of <typeparamref name="T"/>
    /// (pass <see cref="DataType.Date32"/> for int days or a timestamp type for long values).</summary>
    public static Column FromValues<T>(ReadOnlySpan<T> values, DataType? type = null, ReadOnlySpan<bool> valid = default)
        where T : unmanaged
    {
        type ??= NaturalType<T>();
        if (type.ByteWidth != sizeof(T))
            throw new ArgumentException($"{typeof(T).Name} values cannot make a {type} column", nameof(type));
        if (!valid.IsEmpty && valid.Length != values.Length)
            throw new ArgumentException($"validity has {valid.Length} entries for {values.Length} values", nameof(valid));
        byte[]? bitmap = valid.IsEmpty ? null : PackBits(valid);
        fixed (T* v = values)
        fixed (byte* b = bitmap)
            return Create(type, values.Length, b, v, null, 0);
    }

    /// <summary>A column from nullable values (null → null entry).</summary>
    public static Column FromNullable<T>(IReadOnlyList<T?> values, DataType? type = null) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = new T[values.Count];
        var ok = new bool[values.Count];
        for (int i = 0; i < v.Length; i++)
        {
            ok[i] = values[i].HasValue;
            v[i] = values[i].GetValueOrDefault();
        }
        return FromValues<T>(v, type, ok);
    }

    /// <summary>A bool column (null → null entry).</summary>
    public static Column FromBools(IReadOnlyList<bool?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bits = new bool[values.Count];
        var ok = new bool[values.Count];
        for (int i = 0; i < bits.Length; i++)
        {
            ok[i] = values[i].HasValue;
            bits[i] = values[i].GetValueOrDefault();
        }
        byte[] packed = PackBits(bits);
        byte[] validity = PackBits(ok);
        fixed (byte* p = packed)
        fixed (byte* v = validity)
            return Create(DataType.Bool, bits.Length, v, p, null, 0);
    }

    /// <summary>A utf8 (or large_utf8) column (null → null entry).</summary>
    public static Column FromStrings(IReadOnlyList<string?> values, bool large = false)
    {
        ArgumentNullException.ThrowIfNull(values);
        int n = values.Count;
        var ok = new bool[n];
        long total = 0;
        for (int i = 0; i < n; i++)
        {
            ok[i] = values[i] is not null;
            if (values[i] is { } s) total += Encoding.UTF8.GetByteCount(s);
        }
        if (!large && total > int.MaxValue) throw new ArgumentException("more than 2 GiB of string data: use large: true", nameof(large));
        byte* data = (byte*)NativeMemory.Alloc((nuint)Math.Max(total, 1));
        long* offsets = (long*)NativeMemory.Alloc((nuint)(n + 1) * 8);
        try
        {
            long pos = 0;
            offsets[0] = 0;
            for (int i = 0; i < n; i++)
            {
                if (values[i] is { } s)
                    fixed (char* c = s) pos += Encoding.UTF8.GetBytes(c, s.Length, data + pos, (int)Math.Min(int.MaxValue, total - pos));
                offsets[i + 1] = pos;
            }
            if (!large)
            {
                int* o32 = (int*)offsets;  // narrowing in place is safe: we read index i before writing it
                for (int i = 0; i <= n; i++) o32[i] = (int)offsets[i];
            }
            byte[] validity = PackBits(ok);
            fixed (byte* v = validity)
                return Create(large ? DataType.LargeUtf8 : DataType.Utf8, n, v, offsets, data, total);
        }
        finally
        {
            NativeMemory.Free(data);
            NativeMemory.Free(offsets);
        }
    }

    private static Column Create(DataType type, long length, byte* validity, void* values, byte* data, long dataSize)
    {
        Native.EnsureLoaded();
        using var tz = new Utf8Buffer(type.Timezone);
        var t = new drc_data_type { id = (int)type.Id, unit = (int)type.Unit, timezone = tz.Pointer };
        drc_array* result;
        Native.Check(NativeMethods.drc_array_create(&t, length, validity, values, data, dataSize, &result));
        return new Column(result, ownsMemory: true);
    }

    private static byte[] PackBits(ReadOnlySpan<bool> bits)
    {
        var packed = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++)
            if (bits[i]) packed[i >> 3] |= (byte)(1 << (i & 7));
        return packed;
    }

    private static DataType NaturalType<T>() where T : unmanaged =>
        typeof(T) == typeof(sbyte) ? DataType.Int8 :
        typeof(T) == typeof(short) ? DataType.Int16 :
        typeof(T) == typeof(int) ? DataType.Int32 :
        typeof(T) == typeof(long) ? DataType.Int64 :
        typeof(T) == typeof(byte) ? DataType.UInt8 :
        typeof(T) == typeof(ushort) ? DataType.UInt16 :
        typeof(T) == typeof(uint) ? DataType.UInt32 :
        typeof(T) == typeof(ulong) ? DataType.UInt64 :
        typeof(T) == typeof(float) ? DataType.Float32 :
        typeof(T) == typeof(double) ? DataType.Float64 :
        throw new ArgumentException($"{typeof(T).Name} is not a supported column value type");
}
