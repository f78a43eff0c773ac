using DeepRC.Interop;

namespace DeepRC;

/// <summary>Distributed reads: every rank gets its share of the input as a table bound to the context.</summary>
public static unsafe class ContextIO
{
    /// <summary>
    /// One path: rank r parses its byte range of the CSV (split at record boundaries; header and
    /// inferred schema agreed by all ranks). Several paths: rank r reads its share of the files,
    /// balanced by size. Every rank gets the same schema, also with zero rows.
    /// </summary>
    public static Table ReadCsv(this DeepRcContext context, IReadOnlyList<string> paths, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("at least one path is required", nameof(paths));
        using var native = new NativeCsvReadOptions(NativeIO.CsvReadDefaults(paths[0], options) ?? new CsvReadOptions());
        using var p = new Utf8StringArray(paths, nameof(paths));
        var o = native.Options;
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_read_csv(context.Ptr, p.Pointer, p.Count, &o, &t));
        GC.KeepAlive(context);
        return Bound(t, context);
    }

    /// <summary>Arrow IPC files: one path = a balanced share of its rows (zero-copy); several = a share of the files.</summary>
    public static Table ReadArrow(this DeepRcContext context, IReadOnlyList<string> paths)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var p = new Utf8StringArray(paths, nameof(paths));
        if (p.Count == 0) throw new ArgumentException("at least one path is required", nameof(paths));
        drc_table* t;
        Native.Check(NativeMethods.drc_dist_read_ipc(context.Ptr, p.Pointer, p.Count, &t));
        GC.KeepAlive(context);
        return Bound(t, context);
    }

    /// <summary>Reads by extension (CSV or Arrow), every path of one kind.</summary>
    public static Table Read(this DeepRcContext context, IReadOnlyList<string> paths, CsvReadOptions? csv = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0) throw new ArgumentException("at least one path is required", nameof(paths));
        var kinds = paths.Select(Table.FileKind).Distinct().ToArray();
        if (kinds.Length > 1) throw new ArgumentException("mixing CSV and Arrow inputs in one distributed read", nameof(paths));
        return kinds[0] == Table.TableFileKind.Csv ? context.ReadCsv(paths, csv) : context.ReadArrow(paths);
    }

    private static Table Bound(drc_table* t, DeepRcContext context)
    {
        using var unbound = new Table(t);
        return unbound.WithContext(context);
    }
}
