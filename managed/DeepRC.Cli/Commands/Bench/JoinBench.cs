using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench join: W1L ⋈ W1R inner on "key" (tables generated untimed), result materialised.</summary>
internal static class JoinBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var threads = CommonOptions.Threads();
        var algorithm = new Option<string>("--algorithm") { DefaultValueFactory = _ => "hash" };
        algorithm.AcceptOnlyFromAmong("hash", "sort-merge");
        var cmd = new Command("join", "Time the W1 inner join (W1L ⋈ W1R on key)") { rows, reps, threads, algorithm };
        var comm = new BenchCommOptions();
        comm.AddTo(cmd);
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            using var bench = comm.Start(r);
            using var left = bench.Generate("W1L", n);
            using var right = bench.Generate("W1R", n);
            var options = new JoinOptions
            {
                Threads = t,
                Algorithm = r.GetValue(algorithm) == "sort-merge" ? JoinAlgorithm.SortMerge : JoinAlgorithm.Hash,
            };
            var (times, outRows) = bench.Measure(repCount, () => left.Join(right, "key", JoinType.Inner, options));
            bench.Print(ctx, "join", n, t, times, outRows);
            return bench.Complete();
        });
        return cmd;
    }
}
