using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc schema FILE — column names, types and nullability.</summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "CSV or Arrow file" };
        var delimiter = CommonOptions.Delimiter();
        var cmd = new Command("schema", "Print a file's schema") { file, delimiter };
        cmd.SetAction(r =>
        {
            string path = r.GetValue(file)!;
            using var table = CommonOptions.ReadTable(path, new CsvReadOptions { Delimiter = CommonOptions.ParseDelimiter(r.GetValue(delimiter)!) });
            int width = Math.Max(4, table.Schema.Max(f => (int?)f.Name.Length) ?? 0);
            foreach (var f in table.Schema)
                ctx.Out.WriteLine($"{f.Name.PadRight(width)}  {f.Type}{(f.Nullable ? "" : " not null")}");
            ctx.Out.WriteLine($"({table.NumRows} rows, {table.NumColumns} columns)");
            return CliApp.Ok;
        });
        return cmd;
    }
}
