using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>
/// deeprc gen NAME --rows N -o FILE — deterministic synthetic data sets: the benchmark workloads,
/// the stations/observations demo set, and the forecasting sets (hydrology: --basins, --days;
/// ett: --rows hours).
/// </summary>
internal static class GenCommand
{
    public static readonly string[] Names = ["W1L", "W1R", "W2", "W3", "W4", "W5", "stations", "observations", "hydrology", "ett"];

    public static Command Create(CliContext ctx)
    {
        var name = new Argument<string>("name") { Description = "Data set: " + string.Join(", ", Names) };
        name.AcceptOnlyFromAmong(Names);
        var rows = new Option<long?>("--rows", "-n") { Description = "Rows of the whole table (N; ett: hours, default 17420)" };
        var basins = new Option<int>("--basins") { Description = "hydrology: number of basins", DefaultValueFactory = _ => 10 };
        var days = new Option<long>("--days") { Description = "hydrology: days per basin", DefaultValueFactory = _ => 3653 };
        var noise = new Option<double?>("--noise") { Description = "hydrology: runoff noise sigma (0.1); ett: noise scale (1)" };
        var output = new Option<string>("--output", "-o") { Description = "Output file (.csv or .arrow)", Required = true };
        var start = new Option<long>("--start") { Description = "First global row of this share", DefaultValueFactory = _ => 0 };
        var count = new Option<long>("--count") { Description = "Rows in this share (default: to the end)", DefaultValueFactory = _ => -1 };
        var seed = new Option<ulong>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 42 };
        var cmd = new Command("gen", "Generate a deterministic data set (the anchors' W1-W5 workloads, or a hydrology demo set)")
        {
            name, rows, output, start, count, seed, basins, days, noise,
        };
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            string set = r.GetValue(name)!;
            ulong s = r.GetValue(seed);
            using var table = set switch
            {
                "hydrology" => Table.GenerateHydrology(r.GetValue(basins), r.GetValue(days), s, r.GetValue(noise) ?? 0.1),
                "ett" => Table.GenerateEtt(r.GetValue(rows) ?? 17420, s, r.GetValue(noise) ?? 1.0),
                _ => Table.Generate(set, RequiredRows(r.GetValue(rows)), r.GetValue(start), r.GetValue(count), s),
            };
            table.Write(outPath);
            ctx.Out.WriteLine($"wrote {outPath}: {table.NumRows} rows x {table.NumColumns} columns");
            return CliApp.Ok;
        });
        return cmd;
    }

    private static long RequiredRows(long? rows) => rows switch
    {
        null => throw new UsageException("--rows is required for this data set"),
        < 0 => throw new UsageException("--rows must be >= 0"),
        _ => rows.Value,
    };
}
