using System.Text;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The managed Arrow C Data Interface producer: exports <see cref="ManagedBatch"/> and
/// <see cref="ManagedColumn"/> data to any consumer (the native core, another library,
/// <see cref="ManagedArrowImporter"/>) without going through libdeeprc.
/// </summary>
/// <remarks>
/// Fixed-width arrays (integers, floats, date32, timestamps) are exported zero-copy: the managed
/// array is pinned with a <see cref="System.Runtime.InteropServices.GCHandle"/> until the consumer
/// releases the struct, so do not mutate it meanwhile. Bools and validity are bit-packed and
/// strings are encoded (UTF-8 bytes plus offsets) into native memory. Each struct's release
/// callback frees everything it owns exactly once and releases its children; a consumer must
/// release only the base struct. The structs must be released for the pins and memory to be
/// freed: an export that is never released leaks, as with any C Data producer.
/// </remarks>
public static unsafe class ManagedArrowExporter
{
    /// <summary>Exports a batch as a struct array (a record batch) and its struct schema.
    /// <paramref name="released"/>, if given, runs once when the consumer releases the array (it
    /// may run on any thread and must not throw).</summary>
    public static void ExportBatch(ManagedBatch batch, ArrowSchema* schema, ArrowArray* array, Action? released = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (schema == null) throw new ArgumentNullException(nameof(schema));
        if (array == null) throw new ArgumentNullException(nameof(array));
        ExportedSchema.ExportStruct(batch.Schema, schema);
        try
        {
            ExportArray(batch, array, released);
        }
        catch
        {
            ArrowStructs.Release(schema);  // all or nothing: no half export for the caller to clean up
            throw;
        }
    }

    /// <summary>Exports one column and its field schema; <paramref name="released"/> as in
    /// <see cref="ExportBatch(ManagedBatch, ArrowSchema*, ArrowArray*, Action?)"/>.</summary>
    public static void ExportColumn(ManagedColumn column, ArrowSchema* schema, ArrowArray* array, Action? released = null)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (schema == null) throw new ArgumentNullException(nameof(schema));
        if (array == null) throw new ArgumentNullException(nameof(array));
        ExportedSchema.ExportField(column.Field, schema);
        try
        {
            ExportLeaf(column, array, released);
        }
        catch
        {
            ArrowStructs.Release(schema);
            throw;
        }
    }

    /// <summary>Exports a table schema as a struct ArrowSchema ("+s") with one child per field.</summary>
    public static void ExportSchema(Schema schema, ArrowSchema* @out)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (@out == null) throw new ArgumentNullException(nameof(@out));
        ExportedSchema.ExportStruct(schema, @out);
    }

    /// <summary>The struct array of a batch: no validity (a record batch has no null rows) and
    /// one child per column, owned and released by the base.</summary>
    internal static void ExportArray(ManagedBatch batch, ArrowArray* @out, Action? released)
    {
        var owner = new ExportedArray(released);
        try
        {
            ArrowArray* children = owner.AllocChildren(batch.Columns.Count);
            for (int i = 0; i < batch.Columns.Count; i++) ExportLeaf(batch.Columns[i], children + i, null);
            void** buffers = (void**)owner.Memory.Alloc((nuint)sizeof(void*));
            owner.Publish(@out, batch.Length, 0, buffers, 1);
        }
        catch
        {
            owner.Free();  // releases the children exported so far (the rest are still zeroed = released)
            throw;
        }
    }

    private static void ExportLeaf(ManagedColumn column, ArrowArray* @out, Action? released)
    {
        var owner = new ExportedArray(released);
        try
        {
            NativeAllocations mem = owner.Memory;
            int n = column.Length;
            bool isString = column.Type.IsString;
            void** buffers = (void**)mem.Alloc((nuint)(3 * sizeof(void*)));
            if (column.NullCount > 0)
            {
                // Strings carry nulls as null references, other types in the validity array.
                buffers[0] = isString
                    ? PackBits(mem, n, i => column.GetStrings()[i] is not null)
                    : PackBits(mem, n, i => column.Validity![i]);
            }
            switch (column.Type.Id)
            {
                case TypeId.Bool:
                    bool[] bits = (bool[])column.RawValues;
                    buffers[1] = PackBits(mem, n, i => bits[i]);
                    break;
                case TypeId.Utf8:
                case TypeId.LargeUtf8:
                    EncodeStrings(mem, column, buffers);
                    break;
                default:
                    buffers[1] = mem.Pin(column.RawValues);  // zero copy
                    break;
            }
            owner.Publish(@out, n, column.NullCount, buffers, isString ? 3 : 2);
        }
        catch
        {
            owner.Free();
            throw;
        }
    }

    private static byte* PackBits(NativeAllocations mem, int n, Func<int, bool> bit)
    {
        byte* p = (byte*)mem.Alloc((nuint)((n + 7) / 8));
        for (int i = 0; i < n; i++)
            if (bit(i)) p[i >> 3] |= (byte)(1 << (i & 7));
        return p;
    }

    private static void EncodeStrings(NativeAllocations mem, ManagedColumn column, void** buffers)
    {
        IReadOnlyList<string?> values = column.GetStrings();
        bool large = column.Type.Id == TypeId.LargeUtf8;
        int n = values.Count;
        long total = 0;
        for (int i = 0; i < n; i++)
            if (values[i] is { } s) total += Encoding.UTF8.GetByteCount(s);
        if (!large && total > int.MaxValue)
            throw new ArgumentException($"utf8 column '{column.Name}' has {total} bytes of text, more than 32-bit offsets allow; use large_utf8");
        byte* data = (byte*)mem.Alloc((nuint)total);
        void* offsets = mem.Alloc((nuint)((n + 1) * (large ? 8 : 4)));
        long pos = 0;
        for (int i = 0; i <= n; i++)
        {
            if (large) ((long*)offsets)[i] = pos;
            else ((int*)offsets)[i] = (int)pos;
            if (i < n && values[i] is { } s)
                fixed (char* c = s) pos += Encoding.UTF8.GetBytes(c, s.Length, data + pos, checked((int)Math.Min(int.MaxValue, total - pos)));
        }
        buffers[1] = offsets;
        buffers[2] = data;
    }
}
