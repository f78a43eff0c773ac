using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench groupby: W3 grouped by key with sum, mean and count of v (the anchors' W3 query).</summary>
internal static class GroupByBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var threads = CommonOptions.Threads();
        threads.Description = "Threads (0 = all cores)";
        var cmd = new Command("groupby", "Time W3 groupby(key) with sum, mean, count of v (fully materialised)") { rows, reps, threads };
        var comm = new BenchCommOptions();
        comm.AddTo(cmd);
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            using var bench = comm.Start(r);
            using var table = bench.Generate("W3", n);
            var grouped = table.GroupBy("key").WithThreads(t);
            var (times, outRows) = bench.Measure(repCount, () => grouped.Aggregate(Agg.Sum("v"), Agg.Mean("v"), Agg.Count("v")));
            bench.Print(ctx, "groupby", n, t, times, outRows);
            return bench.Complete();
        });
        return cmd;
    }
}
