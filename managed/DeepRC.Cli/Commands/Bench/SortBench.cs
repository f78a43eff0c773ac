using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench sort: W2 (key int64, v float64) sorted by key, the whole table materialised.</summary>
internal static class SortBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var threads = CommonOptions.Threads();
        threads.Description = "Threads for the sort (0 = all cores)";
        var cmd = new Command("sort", "Time W2 sorted by its int64 key (full table materialised)") { rows, reps, threads };
        var comm = new BenchCommOptions();
        comm.AddTo(cmd);
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            using var bench = comm.Start(r);
            using var table = bench.Generate("W2", n);
            SortKey[] keys = [SortKey.Asc("key")];
            var (times, outRows) = bench.Measure(repCount, () => table.Sort(keys, t));
            bench.Print(ctx, "sort", n, t, times, outRows);
            return bench.Complete();
        });
        return cmd;
    }
}
