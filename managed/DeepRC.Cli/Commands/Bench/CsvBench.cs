using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench csv: W4 written as CSV, then timed CSV writes and reads.</summary>
internal static class CsvBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var dir = BenchSupport.Dir();
        var threads = CommonOptions.Threads();
        var cmd = new Command("csv", "Write W4 as CSV, then time CSV reads") { rows, reps, threads, dir };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), repCount = r.GetValue(reps);
            using var scratch = new ScratchDir(r.GetValue(dir));
            string path = Path.Combine(scratch.Path, "w4.csv");
            using var table = Table.Generate("W4", n);
            BenchSupport.Print(ctx, "csv_write", n, 1, BenchSupport.Measure(repCount, () => table.WriteCsv(path)), n);
            long outRows = 0;
            var read = BenchSupport.Measure(repCount, () =>
            {
                using var back = Table.ReadCsv(path, new CsvReadOptions { Threads = t });
                outRows = back.NumRows;
            });
            BenchSupport.Print(ctx, "csv_read", n, t, read, outRows);
            return CliApp.Ok;
        });
        return cmd;
    }
}
