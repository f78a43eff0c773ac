using DeepRC.Interop;

namespace DeepRC;

/// <summary>Options for <see cref="Table.ReadCsv"/>.</summary>
public sealed record CsvReadOptions
{
    /// <summary>Field delimiter (ASCII). Default ','.</summary>
    public char Delimiter { get; init; } = ',';
    /// <summary>Quote character (ASCII); a doubled quote inside quotes is a literal quote. Default '"'.</summary>
    public char Quote { get; init; } = '"';
    /// <summary>Whether the first line is a header. Without one, columns are named f0, f1, ...</summary>
    public bool HasHeader { get; init; } = true;
    /// <summary>Parser threads; 0 = all cores.</summary>
    public int Threads { get; init; }
    /// <summary>Bytes per parse block; 0 = automatic.</summary>
    public long BlockSize { get; init; }
    /// <summary>Tokens read as null; null = the defaults ("", "NA", "N/A", "null", "NULL").</summary>
    public IReadOnlyList<string>? NullValues { get; init; }
    /// <summary>Rows sampled for type inference; 0 = automatic.</summary>
    public int InferRows { get; init; }
    /// <summary>Explicit schema (names must match the header); null = infer types.</summary>
    public Schema? Schema { get; init; }
}

/// <summary>Options for <see cref="Table.WriteCsv"/>.</summary>
public sealed record CsvWriteOptions
{
    /// <summary>Field delimiter (ASCII). Default ','.</summary>
    public char Delimiter { get; init; } = ',';
    /// <summary>Whether to write a header line. Default true.</summary>
    public bool IncludeHeader { get; init; } = true;
    /// <summary>Text written for nulls. Default empty.</summary>
    public string NullValue { get; init; } = "";
}

/// <summary>Arrow IPC container format.</summary>
public enum ArrowFormat
{
    /// <summary>The streaming format (schema, batches, end-of-stream).</summary>
    Stream = (int)drc_ipc_format.DRC_IPC_STREAM,
    /// <summary>The random-access file format (Feather v2).</summary>
    File = (int)drc_ipc_format.DRC_IPC_FILE,
}

/// <summary>Arrow IPC body compression.</summary>
public enum ArrowCompression
{
    /// <summary>Uncompressed.</summary>
    None = (int)drc_compression.DRC_COMPRESSION_NONE,
    /// <summary>LZ4 frame.</summary>
    Lz4Frame = (int)drc_compression.DRC_COMPRESSION_LZ4_FRAME,
    /// <summary>Zstandard.</summary>
    Zstd = (int)drc_compression.DRC_COMPRESSION_ZSTD,
}

/// <summary>Options for <see cref="Table.WriteArrow"/>.</summary>
public sealed record ArrowWriteOptions
{
    /// <summary>Container format. Default <see cref="ArrowFormat.File"/>.</summary>
    public ArrowFormat Format { get; init; } = ArrowFormat.File;
    /// <summary>Body compression. Default none.</summary>
    public ArrowCompression Compression { get; init; }
    /// <summary>Rows per record batch; 0 = one batch.</summary>
    public long MaxBatchRows { get; init; }
}
