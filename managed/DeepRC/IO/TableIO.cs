using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>Reads a CSV file. Errors name the file, line and column.</summary>
    public static Table ReadCsv(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvReadOptions();
        Native.EnsureLoaded();
        using var p = new Utf8Buffer(path);
        drc_csv_read_options o;
        NativeMethods.drc_csv_read_options_init(&o);
        o.delimiter = Ascii(options.Delimiter, nameof(options.Delimiter));
        o.quote = Ascii(options.Quote, nameof(options.Quote));
        o.has_header = options.HasHeader ? (byte)1 : (byte)0;
        o.num_threads = options.Threads;
        o.block_size = options.BlockSize;
        o.infer_rows = options.InferRows;
        var nulls = (options.NullValues ?? []).Select(v => new Utf8Buffer(v)).ToArray();
        try
        {
            var nullPtrs = nulls.Select(n => (nint)n.Pointer).ToArray();
            using var schema = options.Schema?.ToNative();
            o.schema = schema is null ? null : schema.Ptr;
            drc_table* t;
            fixed (nint* np = nullPtrs)
            {
                if (options.NullValues is not null)
                {
                    o.null_values = (byte**)np;
                    o.num_null_values = nullPtrs.Length;
                }
                Native.Check(NativeMethods.drc_csv_read(p.Pointer, &o, &t));
            }
            return new Table(t);
        }
        finally
        {
            foreach (var n in nulls) n.Dispose();
        }
    }

    /// <summary>Writes CSV atomically (temporary file + rename).</summary>
    public void WriteCsv(string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsvWriteOptions();
        using var p = new Utf8Buffer(path);
        using var nullValue = new Utf8Buffer(options.NullValue);
        drc_csv_write_options o;
        NativeMethods.drc_csv_write_options_init(&o);
        o.delimiter = Ascii(options.Delimiter, nameof(options.Delimiter));
        o.include_header = options.IncludeHeader ? (byte)1 : (byte)0;
        o.null_value = nullValue.Pointer;
        Native.Check(NativeMethods.drc_csv_write(Ptr, p.Pointer, &o));
        GC.KeepAlive(this);
    }

    /// <summary>Reads an Arrow IPC file or stream (format detected from the content).</summary>
    public static Table ReadArrow(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Native.EnsureLoaded();
        using var p = new Utf8Buffer(path);
        drc_table* t;
        Native.Check(NativeMethods.drc_ipc_read(p.Pointer, &t));
        return new Table(t);
    }

    /// <summary>Reads Arrow IPC data (file or stream format) from memory.</summary>
    public static Table ReadArrow(ReadOnlySpan<byte> bytes)
    {
        Native.EnsureLoaded();
        drc_table* t;
        fixed (byte* b = bytes)
            Native.Check(NativeMethods.drc_ipc_read_bytes(b, bytes.Length, &t));
        return new Table(t);
    }

    /// <summary>Writes an Arrow IPC file or stream atomically (temporary file + rename).</summary>
    public void WriteArrow(string path, ArrowWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new ArrowWriteOptions();
        using var p = new Utf8Buffer(path);
        drc_ipc_write_options o;
        NativeMethods.drc_ipc_write_options_init(&o);
        o.format = (int)options.Format;
        o.compression = (int)options.Compression;
        o.max_batch_rows = options.MaxBatchRows;
        Native.Check(NativeMethods.drc_ipc_write(Ptr, p.Pointer, &o));
        GC.KeepAlive(this);
    }

    /// <summary>Reads a file by extension: .csv/.tsv/.txt as CSV (tab for .tsv), .arrow/.feather/.ipc/.arrows as Arrow.</summary>
    public static Table Read(string path, CsvReadOptions? csv = null) => FileKind(path) switch
    {
        TableFileKind.Csv => ReadCsv(path, csv ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? new CsvReadOptions { Delimiter = '\t' } : null)),
        _ => ReadArrow(path),
    };

    /// <summary>Writes a file by extension (see <see cref="Read"/>); .arrows writes the stream format.</summary>
    public void Write(string path, CsvWriteOptions? csv = null, ArrowWriteOptions? arrow = null)
    {
        switch (FileKind(path))
        {
            case TableFileKind.Csv:
                WriteCsv(path, csv ?? (path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? new CsvWriteOptions { Delimiter = '\t' } : null));
                break;
            default:
                WriteArrow(path, arrow ?? new ArrowWriteOptions
                {
                    Format = path.EndsWith(".arrows", StringComparison.OrdinalIgnoreCase) ? ArrowFormat.Stream : ArrowFormat.File,
                });
                break;
        }
    }

    internal enum TableFileKind { Csv, Arrow }

    internal static TableFileKind FileKind(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".csv" or ".tsv" or ".txt" => TableFileKind.Csv,
            ".arrow" or ".feather" or ".ipc" or ".arrows" => TableFileKind.Arrow,
            _ => throw new ArgumentException(
                $"cannot tell the format of '{path}' from its extension (use .csv, .tsv, .arrow, .arrows, .feather or .ipc)", nameof(path)),
        };
    }

    private static byte Ascii(char c, string name) =>
        c <= 127 ? (byte)c : throw new ArgumentException($"{name} must be an ASCII character, got '{c}'", name);
}
