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
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            using var table = Table.Generate("W2", n);
            SortKey[] keys = [SortKey.Asc("key")];
            long outRows = 0;
            var times = new double[repCount];
            for (int i = 0; i < repCount; i++)
            {
                // Each result is freed before the next timed sort, outside the timed region.
                var sw = System.Diagnostics.Stopwatch.StartNew();
                using var sorted = table.Sort(keys, t);
                times[i] = sw.Elapsed.TotalSeconds;
                outRows = sorted.NumRows;
            }
            Array.Sort(times);
            BenchSupport.Print(ctx, "sort", n, t == 0 ? Environment.ProcessorCount : t, times, outRows);
            return CliApp.Ok;
        });
        return cmd;
    }
}
