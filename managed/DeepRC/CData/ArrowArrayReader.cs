using System.Text;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// Validates a borrowed ArrowArray against its field and copies its values into managed arrays
/// (nothing is released here; the caller owns the struct). Every pointer read is preceded by the
/// structural checks that make it legal, since a malformed struct must give an exception, not a
/// crash; what cannot be checked (the real size of a foreign buffer) is trusted, as in any
/// C Data consumer.
/// </summary>
internal static unsafe class ArrowArrayReader
{
    // Strict decoding: invalid UTF-8 in a utf8 column is malformed input, not text to repair.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static void RequireLive(ArrowArray* a)
    {
        if (a->release == null) throw new DeepRcInvalidException("ArrowArray is NULL or already released");
    }

    /// <summary>Reads a struct array as a record batch with the given fields. The struct's own
    /// offset and length select rows of every child, on top of each child's offset.</summary>
    internal static ManagedBatch ReadBatch(Schema schema, ArrowArray* a)
    {
        RequireLive(a);
        const string what = "<record batch>";
        CheckHeader(a, what, ArrowFormat.Struct, 1, schema.Count);
        CheckRows(a->length, what);
        // A record batch cannot have null rows: a struct-level null has no meaning for a batch.
        if (a->null_count > 0 || (a->null_count != 0 && a->buffers[0] != null && CountUnset((byte*)a->buffers[0], a->offset, a->length) > 0))
            throw new DeepRcInvalidException("struct array has null rows at the top level; a record batch cannot contain null rows");
        var columns = new ManagedColumn[schema.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            ArrowArray* child = a->children[i];
            if (child == null) Bad(what, $"child {i} ('{schema[i].Name}') is NULL");
            columns[i] = ReadColumn(schema[i], child, a->offset, a->length);
        }
        return new ManagedBatch(columns, (int)a->length);
    }

    /// <summary>Reads rows [rowStart, rowStart+rows) of a leaf array (before its own offset).</summary>
    internal static ManagedColumn ReadColumn(Field field, ArrowArray* c, long rowStart, long rows)
    {
        string name = field.Name;
        DataType type = field.Type;
        CheckHeader(c, name, ArrowFormat.Of(type), type.IsString ? 3 : 2, 0);
        if (c->length < rowStart + rows)
            Bad(name, $"has {c->length} rows but {rowStart + rows} are needed (struct offset {rowStart} + length {rows})");
        int n = CheckRows(rows, name);
        // Position of our first row in the buffers.
        long start = c->offset + rowStart;
        if (n == 0) return ManagedColumn.Create(field, Empty(type), null);  // no buffer is read; NULLs are fine

        bool[]? validity = null;
        byte* bitmap = (byte*)c->buffers[0];
        if (bitmap == null)
        {
            if (c->null_count > 0) Bad(name, $"null_count {c->null_count} but the validity buffer is NULL");
        }
        else if (c->null_count != 0)
        {
            // null_count 0 lets us ignore a bitmap that is present; -1 means "count it yourself".
            validity = ReadBits(bitmap, start, n);
            if (c->null_count > 0 && rowStart == 0 && rows == c->length)
            {
                int unset = validity.Count(v => !v);
                if (unset != c->null_count) Bad(name, $"null_count {c->null_count} but the validity bitmap has {unset} nulls");
            }
        }
        if (!field.Nullable && validity is not null && validity.Contains(false))
            Bad(name, "field is not nullable but has nulls");

        void* values = c->buffers[1];
        if (values == null) Bad(name, (type.IsString ? "offsets" : "values") + " buffer is NULL");
        Array data = type.Id switch
        {
            TypeId.Bool => ReadBits((byte*)values, start, n),
            TypeId.Int8 => Copy<sbyte>(values, start, n),
            TypeId.Int16 => Copy<short>(values, start, n),
            TypeId.Int32 or TypeId.Date32 => Copy<int>(values, start, n),
            TypeId.Int64 or TypeId.Timestamp => Copy<long>(values, start, n),
            TypeId.UInt8 => Copy<byte>(values, start, n),
            TypeId.UInt16 => Copy<ushort>(values, start, n),
            TypeId.UInt32 => Copy<uint>(values, start, n),
            TypeId.UInt64 => Copy<ulong>(values, start, n),
            TypeId.Float32 => Copy<float>(values, start, n),
            TypeId.Float64 => Copy<double>(values, start, n),
            TypeId.Utf8 => ReadStrings(name, new ReadOnlySpan<int>((int*)values + start, n + 1), (byte*)c->buffers[2], validity),
            TypeId.LargeUtf8 => ReadStrings(name, new ReadOnlySpan<long>((long*)values + start, n + 1), (byte*)c->buffers[2], validity),
            _ => throw new DeepRcUnsupportedException($"type {type} of field '{name}' cannot be read"),
        };
        // Strings carry their nulls as null references.
        return ManagedColumn.Create(field, data, type.IsString ? null : validity);
    }

    private static string?[] ReadStrings<TOffset>(string name, ReadOnlySpan<TOffset> offsets, byte* data, bool[]? validity)
        where TOffset : unmanaged, System.Numerics.IBinaryInteger<TOffset>
    {
        int n = offsets.Length - 1;
        long first = long.CreateTruncating(offsets[0]);
        long last = long.CreateTruncating(offsets[n]);
        if (data == null && last != first) Bad(name, $"data buffer is NULL but the offsets reference {last - first} bytes");
        // All offsets are checked before any byte is decoded: the data buffer's size is unknown,
        // so monotonic offsets are the only guard against reading far outside it.
        for (int i = 0; i < n; i++)
        {
            long begin = long.CreateTruncating(offsets[i]);
            long end = long.CreateTruncating(offsets[i + 1]);
            if (begin < 0 || end < begin) Bad(name, $"string offsets are not non-decreasing and non-negative at value {i} ({begin}, {end})");
        }
        var result = new string?[n];
        for (int i = 0; i < n; i++)
        {
            if (validity is not null && !validity[i]) continue;
            long begin = long.CreateTruncating(offsets[i]);
            long end = long.CreateTruncating(offsets[i + 1]);
            if (end - begin > int.MaxValue) Bad(name, $"string value {i} is {end - begin} bytes long");
            try
            {
                result[i] = end == begin ? string.Empty : StrictUtf8.GetString(data + begin, (int)(end - begin));
            }
            catch (DecoderFallbackException e)
            {
                throw new DeepRcInvalidException($"invalid ArrowArray for field '{name}': value {i} is not valid UTF-8 ({e.Message})");
            }
        }
        return result;
    }

    private static Array Empty(DataType type) => type.Id switch
    {
        TypeId.Bool => Array.Empty<bool>(),
        TypeId.Int8 => Array.Empty<sbyte>(),
        TypeId.Int16 => Array.Empty<short>(),
        TypeId.Int32 or TypeId.Date32 => Array.Empty<int>(),
        TypeId.Int64 or TypeId.Timestamp => Array.Empty<long>(),
        TypeId.UInt8 => Array.Empty<byte>(),
        TypeId.UInt16 => Array.Empty<ushort>(),
        TypeId.UInt32 => Array.Empty<uint>(),
        TypeId.UInt64 => Array.Empty<ulong>(),
        TypeId.Float32 => Array.Empty<float>(),
        TypeId.Float64 => Array.Empty<double>(),
        _ => Array.Empty<string?>(),
    };

    private static T[] Copy<T>(void* values, long start, int n) where T : unmanaged =>
        new ReadOnlySpan<T>((T*)values + start, n).ToArray();

    private static bool[] ReadBits(byte* bits, long start, int n)
    {
        var result = new bool[n];
        for (int i = 0; i < n; i++)
        {
            long k = start + i;
            result[i] = ((bits[k >> 3] >> (int)(k & 7)) & 1) != 0;
        }
        return result;
    }

    private static long CountUnset(byte* bits, long start, long n)
    {
        long unset = 0;
        for (long k = start; k < start + n; k++)
            if (((bits[k >> 3] >> (int)(k & 7)) & 1) == 0) unset++;
        return unset;
    }

    // Structural checks common to every layout; `format` only appears in messages.
    private static void CheckHeader(ArrowArray* a, string field, string format, long nBuffers, long nChildren)
    {
        if (a->length < 0) Bad(field, $"negative length {a->length}");
        if (a->offset < 0) Bad(field, $"negative offset {a->offset}");
        if (a->offset > long.MaxValue / 2 - a->length) Bad(field, $"offset + length too large ({a->offset} + {a->length})");
        if (a->null_count < -1 || a->null_count > a->length)
            Bad(field, $"null_count {a->null_count} out of range for length {a->length}");
        if (a->n_buffers != nBuffers) Bad(field, $"has {a->n_buffers} buffers but format '{format}' needs {nBuffers}");
        if (nBuffers > 0 && a->buffers == null) Bad(field, "buffers pointer is NULL");
        if (a->n_children != nChildren) Bad(field, $"has {a->n_children} children but format '{format}' needs {nChildren}");
        if (nChildren > 0 && a->children == null) Bad(field, "children pointer is NULL");
        if (a->dictionary != null) Bad(field, "has a dictionary but its type is not dictionary-encoded");
    }

    // Managed arrays are indexed by int.
    private static int CheckRows(long rows, string field)
    {
        if (rows > Array.MaxLength)
            throw new DeepRcUnsupportedException($"field '{field}' has {rows} rows; a managed batch holds at most {Array.MaxLength}");
        return (int)rows;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Bad(string field, string what) =>
        throw new DeepRcInvalidException($"invalid ArrowArray for field '{field}': {what}");
}
