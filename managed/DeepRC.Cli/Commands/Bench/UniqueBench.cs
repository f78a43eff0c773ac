using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>
/// deeprc bench unique: distinct values of W5's key column (SELECT DISTINCT key);
/// deeprc bench drop_duplicates: W5's rows deduplicated on key, keeping the first.
/// </summary>
internal static class UniqueBench
{
    public static IEnumerable<Command> Create(CliContext ctx) =>
    [
        Make(ctx, "unique", "Time the distinct values of W5's key column", (t, threads) =>
        {
            using var key = t.Column("key");
            using var distinct = key.Unique(threads);
            return Table.FromColumns(("key", distinct));
        }),
        Make(ctx, "drop_duplicates", "Time W5 deduplicated on key (keep first)", (t, threads) => t.Unique(Keep.First, ["key"], threads)),
    ];

    private static Command Make(CliContext ctx, string op, string description, Func<Table, int, Table> run)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var threads = CommonOptions.Threads();
        var cmd = new Command(op, description) { rows, reps, threads };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads);
            using var table = Table.Generate("W5", n);
            var (times, outRows) = BenchSupport.MeasureResults(r.GetValue(reps), () => run(table, t));
            BenchSupport.Print(ctx, op, n, t, times, outRows);
            return CliApp.Ok;
        });
        return cmd;
    }
}
