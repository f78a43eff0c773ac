using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// Exchange of tables and columns with other Arrow implementations through the Arrow C Data
/// and C Stream interfaces (zero copy in both directions). Export fills caller-allocated structs
/// that the consumer releases; import moves the structs (they are released or marked released
/// afterwards, also on failure).
/// </summary>
public static unsafe class ArrowCData
{
    /// <summary>Exports a table as a struct array (a record batch) plus its struct schema.</summary>
    public static void ExportTable(Table table, ArrowSchema* schema, ArrowArray* array)
    {
        ArgumentNullException.ThrowIfNull(table);
        Native.Check(NativeMethods.drc_table_export(table.Ptr, schema, array));
        GC.KeepAlive(table);
    }

    /// <summary>Imports a struct array (record batch) and its schema as a table, moving both.</summary>
    public static Table ImportTable(ArrowSchema* schema, ArrowArray* array)
    {
        Native.EnsureLoaded();
        drc_table* t;
        Native.Check(NativeMethods.drc_table_import(schema, array, &t));
        return new Table(t);
    }

    /// <summary>Exports one column with its field schema.</summary>
    public static void ExportColumn(Column column, ArrowSchema* schema, ArrowArray* array)
    {
        ArgumentNullException.ThrowIfNull(column);
        Native.Check(NativeMethods.drc_array_export(column.Ptr, schema, array));
        GC.KeepAlive(column);
    }

    /// <summary>Imports one array and its schema as a column, moving both.</summary>
    public static Column ImportColumn(ArrowSchema* schema, ArrowArray* array)
    {
        Native.EnsureLoaded();
        drc_array* a;
        Native.Check(NativeMethods.drc_array_import(schema, array, &a));
        return new Column(a, ownsMemory: true);
    }

    /// <summary>Exports a table as a stream of record batches of at most <paramref name="maxBatchRows"/> rows (0 = one batch).</summary>
    public static void ExportStream(Table table, ArrowArrayStream* stream, long maxBatchRows = 0)
    {
        ArgumentNullException.ThrowIfNull(table);
        Native.Check(NativeMethods.drc_table_export_stream(table.Ptr, maxBatchRows, stream));
        GC.KeepAlive(table);
    }

    /// <summary>Consumes a whole stream into one table and releases the stream.</summary>
    public static Table ImportStream(ArrowArrayStream* stream)
    {
        Native.EnsureLoaded();
        drc_table* t;
        Native.Check(NativeMethods.drc_table_import_stream(stream, &t));
        return new Table(t);
    }
}
