using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc gen NAME --rows N -o FILE — deterministic synthetic data sets.</summary>
internal static class GenCommand
{
    public static readonly string[] Names = ["W1L", "W1R", "W2", "W3", "W4", "W5", "stations", "observations"];

    public static Command Create(CliContext ctx)
    {
        var name = new Argument<string>("name") { Description = "Data set: " + string.Join(", ", Names) };
        name.AcceptOnlyFromAmong(Names);
        var rows = new Option<long>("--rows", "-n") { Description = "Rows of the whole table (N)", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Output file (.csv or .arrow)", Required = true };
        var start = new Option<long>("--start") { Description = "First global row of this share", DefaultValueFactory = _ => 0 };
        var count = new Option<long>("--count") { Description = "Rows in this share (default: to the end)", DefaultValueFactory = _ => -1 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 42 };
        var cmd = new Command("gen", "Generate a deterministic data set (the anchors' W1-W5 workloads, or a hydrology demo set)")
        {
            name, rows, output, start, count, seed,
        };
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            long n = r.GetValue(rows);
            if (n < 0) throw new UsageException("--rows must be >= 0");
            using var table = Table.Generate(r.GetValue(name)!, n, r.GetValue(start), r.GetValue(count), r.GetValue(seed));
            table.Write(outPath);
            ctx.Out.WriteLine($"wrote {outPath}: {table.NumRows} rows x {table.NumColumns} columns");
            return CliApp.Ok;
        });
        return cmd;
    }
}
