using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The managed Arrow C Data Interface consumer: reads structs from any producer (the native
/// core, another library, <see cref="ManagedArrowExporter"/>) into <see cref="ManagedBatch"/> /
/// <see cref="ManagedColumn"/> without going through libdeeprc.
/// </summary>
/// <remarks>
/// Every import MOVES the structs it is given (copies them, then sets the source's release to
/// NULL), copies the values into managed arrays, and releases the moved structs before returning,
/// on success and on failure alike. So the producer's release runs exactly once, immediately, and
/// the result owns no foreign memory. Children are released by their base struct, as the spec
/// requires; the importer never releases a child itself. Malformed input throws
/// <see cref="DeepRcInvalidException"/>; types DeepRC does not model throw
/// <see cref="DeepRcUnsupportedException"/> naming the format and the field.
/// </remarks>
public static unsafe class ManagedArrowImporter
{
    /// <summary>Imports a struct array (a record batch) and its struct schema, moving both.</summary>
    public static ManagedBatch ImportBatch(ArrowSchema* schema, ArrowArray* array)
    {
        // Move both before any check, so every exit path below releases both exactly once.
        ArrowSchema s = ArrowStructs.Move(schema);
        ArrowArray a = ArrowStructs.Move(array);
        try
        {
            if (schema == null || array == null)
                throw new ArgumentNullException(schema == null ? nameof(schema) : nameof(array));
            Schema fields = ArrowSchemaReader.ReadStruct(&s);
            return ArrowArrayReader.ReadBatch(fields, &a);
        }
        finally
        {
            ArrowStructs.Release(&a);
            ArrowStructs.Release(&s);
        }
    }

    /// <summary>Imports one (non-nested) array and its field schema, moving both.</summary>
    public static ManagedColumn ImportColumn(ArrowSchema* schema, ArrowArray* array)
    {
        ArrowSchema s = ArrowStructs.Move(schema);
        ArrowArray a = ArrowStructs.Move(array);
        try
        {
            if (schema == null || array == null)
                throw new ArgumentNullException(schema == null ? nameof(schema) : nameof(array));
            Field field = ArrowSchemaReader.ReadField(&s);
            ArrowArrayReader.RequireLive(&a);
            return ArrowArrayReader.ReadColumn(field, &a, rowStart: 0, rows: a.length);
        }
        finally
        {
            ArrowStructs.Release(&a);
            ArrowStructs.Release(&s);
        }
    }

    /// <summary>Imports a struct schema (format "+s") as a table schema, moving it.</summary>
    public static Schema ImportSchema(ArrowSchema* schema)
    {
        ArrowSchema s = ArrowStructs.Move(schema);
        try
        {
            ArgumentNullException.ThrowIfNull(schema);
            return ArrowSchemaReader.ReadStruct(&s);
        }
        finally
        {
            ArrowStructs.Release(&s);
        }
    }

    /// <summary>Imports a struct array against a schema already read (used by stream readers),
    /// moving and releasing the array.</summary>
    internal static ManagedBatch ImportBatch(Schema schema, ArrowArray* array)
    {
        ArrowArray a = ArrowStructs.Move(array);
        try
        {
            return ArrowArrayReader.ReadBatch(schema, &a);
        }
        finally
        {
            ArrowStructs.Release(&a);
        }
    }
}
