using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc convert IN OUT — CSV ↔ Arrow (file or stream) by extension.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (.csv, .tsv, .arrow, .arrows, .feather)" };
        var output = new Argument<string>("output") { Description = "Output file; the format follows the extension" };
        var schema = CommonOptions.Schema();
        var delimiter = CommonOptions.Delimiter();
        var threads = CommonOptions.Threads();
        var compression = new Option<string>("--compression")
        {
            Description = "Arrow body compression",
            DefaultValueFactory = _ => "none",
        };
        compression.AcceptOnlyFromAmong("none", "lz4", "zstd");
        var nulls = new Option<string[]>("--null") { Description = "Token read as null (repeatable); default: empty, NA, N/A, null, NULL" };
        var cmd = new Command("convert", "Convert between CSV and Arrow IPC (format by extension)")
        {
            input, output, schema, delimiter, threads, compression, nulls,
        };
        cmd.SetAction(r =>
        {
            string inPath = r.GetValue(input)!, outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            char delim = CommonOptions.ParseDelimiter(r.GetValue(delimiter)!);
            string? schemaText = r.GetValue(schema);
            string[]? nullTokens = r.GetValue(nulls);
            var csvIn = new CsvReadOptions
            {
                Delimiter = delim,
                Threads = r.GetValue(threads),
                Schema = schemaText is null ? null : CommonOptions.ParseSchema(schemaText),
                NullValues = nullTokens is { Length: > 0 } ? nullTokens : null,
            };
            using var table = CommonOptions.ReadTable(inPath, csvIn);
            var arrow = new ArrowWriteOptions
            {
                Format = outPath.EndsWith(".arrows", StringComparison.OrdinalIgnoreCase) ? ArrowFormat.Stream : ArrowFormat.File,
                Compression = r.GetValue(compression) switch
                {
                    "lz4" => ArrowCompression.Lz4Frame,
                    "zstd" => ArrowCompression.Zstd,
                    _ => ArrowCompression.None,
                },
            };
            table.Write(outPath, new CsvWriteOptions { Delimiter = delim }, arrow);
            ctx.Out.WriteLine($"wrote {outPath}: {table.NumRows} rows x {table.NumColumns} columns");
            return CliApp.Ok;
        });
        return cmd;
    }
}
