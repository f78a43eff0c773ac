using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// The native mirrors of the I/O option records, built once for the local readers/writers and the
/// distributed ones (which take the same structs). Strings and the schema live until disposal.
/// </summary>
internal sealed unsafe class NativeCsvReadOptions : IDisposable
{
    private readonly Utf8Buffer[] _nulls;
    private readonly nint[] _nullPtrs;
    private readonly SchemaHandle? _schema;
    private drc_csv_read_options _options;

    public NativeCsvReadOptions(CsvReadOptions options)
    {
        Native.EnsureLoaded();
        drc_csv_read_options o;
        NativeMethods.drc_csv_read_options_init(&o);
        o.delimiter = NativeIO.Ascii(options.Delimiter, nameof(options.Delimiter));
        o.quote = NativeIO.Ascii(options.Quote, nameof(options.Quote));
        o.has_header = options.HasHeader ? (byte)1 : (byte)0;
        o.num_threads = options.Threads;
        o.block_size = options.BlockSize;
        o.infer_rows = options.InferRows;
        _nulls = (options.NullValues ?? []).Select(v => new Utf8Buffer(v)).ToArray();
        // Pinned for the object's lifetime: the struct points at it.
        _nullPtrs = GC.AllocateArray<nint>(Math.Max(_nulls.Length, 1), pinned: true);
        for (int i = 0; i < _nulls.Length; i++) _nullPtrs[i] = (nint)_nulls[i].Pointer;
        if (options.NullValues is not null)
        {
            o.null_values = (byte**)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _nullPtrs[0]);
            o.num_null_values = _nulls.Length;
        }
        _schema = options.Schema?.ToNative();
        o.schema = _schema is null ? null : _schema.Ptr;
        _options = o;
    }

    public drc_csv_read_options Options => _options;

    public void Dispose()
    {
        foreach (var n in _nulls) n.Dispose();
        _schema?.Dispose();
    }
}

/// <summary>The native CSV write options (the null token lives until disposal).</summary>
internal sealed unsafe class NativeCsvWriteOptions : IDisposable
{
    private readonly Utf8Buffer _nullValue;

    public NativeCsvWriteOptions(CsvWriteOptions options)
    {
        _nullValue = new Utf8Buffer(options.NullValue);
        drc_csv_write_options o;
        NativeMethods.drc_csv_write_options_init(&o);
        o.delimiter = NativeIO.Ascii(options.Delimiter, nameof(options.Delimiter));
        o.include_header = options.IncludeHeader ? (byte)1 : (byte)0;
        o.null_value = _nullValue.Pointer;
        Options = o;
    }

    public drc_csv_write_options Options { get; }

    public void Dispose() => _nullValue.Dispose();
}

internal static unsafe class NativeIO
{
    public static byte Ascii(char c, string name) =>
        c <= 127 ? (byte)c : throw new ArgumentException($"{name} must be an ASCII character, got '{c}'", name);

    public static drc_ipc_write_options ArrowWriteOptions(ArrowWriteOptions options)
    {
        drc_ipc_write_options o;
        NativeMethods.drc_ipc_write_options_init(&o);
        o.format = (int)options.Format;
        o.compression = (int)options.Compression;
        o.max_batch_rows = options.MaxBatchRows;
        return o;
    }

    /// <summary>The CSV read options a path implies when none are given (tab for .tsv).</summary>
    public static CsvReadOptions? CsvReadDefaults(string path, CsvReadOptions? given) =>
        given ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? new CsvReadOptions { Delimiter = '\t' } : null);

    public static CsvWriteOptions? CsvWriteDefaults(string path, CsvWriteOptions? given) =>
        given ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? new CsvWriteOptions { Delimiter = '\t' } : null);

    /// <summary>The Arrow write options a path implies when none are given (.arrows = stream format).</summary>
    public static ArrowWriteOptions ArrowWriteDefaults(string path, ArrowWriteOptions? given) =>
        given ?? new ArrowWriteOptions
        {
            Format = path.EndsWith(".arrows", StringComparison.OrdinalIgnoreCase) ? ArrowFormat.Stream : ArrowFormat.File,
        };
}
