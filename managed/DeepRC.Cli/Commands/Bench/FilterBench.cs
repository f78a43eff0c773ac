using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench filter: W4 filtered by an expression (default "b &lt; 0.5 and c &gt; 0"),
/// the result fully materialised.</summary>
internal static class FilterBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var threads = CommonOptions.Threads();
        var where = new Option<string>("--where") { Description = "Predicate", DefaultValueFactory = _ => "b < 0.5 and c > 0" };
        var cmd = new Command("filter", "Time an expression filter of W4") { rows, reps, threads, where };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            var predicate = Expr.Parse(r.GetValue(where)!);
            using var table = Table.Generate("W4", n);
            var (times, outRows) = BenchSupport.MeasureResults(repCount, () => table.Filter(predicate, t));
            BenchSupport.Print(ctx, "filter", n, t, times, outRows);
            return CliApp.Ok;
        });
        return cmd;
    }
}
