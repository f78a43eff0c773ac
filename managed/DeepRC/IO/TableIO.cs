using DeepRC.Interop;

namespace DeepRC;

public sealed unsafe partial class Table
{
    /// <summary>Reads a CSV file. Errors name the file, line and column.</summary>
    public static Table ReadCsv(string path, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var native = new NativeCsvReadOptions(options ?? new CsvReadOptions());
        using var p = new Utf8Buffer(path);
        var o = native.Options;
        drc_table* t;
        Native.Check(NativeMethods.drc_csv_read(p.Pointer, &o, &t));
        return new Table(t);
    }

    /// <summary>Writes CSV atomically (temporary file + rename).</summary>
    public void WriteCsv(string path, CsvWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var native = new NativeCsvWriteOptions(options ?? new CsvWriteOptions());
        using var p = new Utf8Buffer(path);
        var o = native.Options;
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
        using var p = new Utf8Buffer(path);
        var o = NativeIO.ArrowWriteOptions(options ?? new ArrowWriteOptions());
        Native.Check(NativeMethods.drc_ipc_write(Ptr, p.Pointer, &o));
        GC.KeepAlive(this);
    }

    /// <summary>Reads a file by extension: .csv/.tsv/.txt as CSV (tab for .tsv), .arrow/.feather/.ipc/.arrows as Arrow.</summary>
    public static Table Read(string path, CsvReadOptions? csv = null) => FileKind(path) switch
    {
        TableFileKind.Csv => ReadCsv(path, NativeIO.CsvReadDefaults(path, csv)),
        _ => ReadArrow(path),
    };

    /// <summary>Writes a file by extension (see <see cref="Read"/>); .arrows writes the stream format.</summary>
    public void Write(string path, CsvWriteOptions? csv = null, ArrowWriteOptions? arrow = null)
    {
        switch (FileKind(path))
        {
            case TableFileKind.Csv:
                WriteCsv(path, NativeIO.CsvWriteDefaults(path, csv));
                break;
            default:
                WriteArrow(path, NativeIO.ArrowWriteDefaults(path, arrow));
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
}
