using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc bench csv|ipc — throughput figures in the anchors' line format.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("bench", "Benchmarks that print 'bench=deeprc op=... rows_per_s=...' lines");
        cmd.Subcommands.Add(Csv(ctx));
        cmd.Subcommands.Add(Ipc(ctx));
        return cmd;
    }

    private static (Option<long> Rows, Option<int> Reps, Option<string?> Dir) Common()
    {
        var rows = new Option<long>("--rows", "-n") { Description = "Rows of the W4 table", DefaultValueFactory = _ => 1_000_000 };
        rows.Validators.Add(v =>
        {
            if (v.GetValue(rows) <= 0) v.AddError("--rows must be > 0");
        });
        var reps = new Option<int>("--reps", "-r") { Description = "Repetitions (the median is reported)", DefaultValueFactory = _ => 3 };
        reps.Validators.Add(v =>
        {
            if (v.GetValue(reps) <= 0) v.AddError("--reps must be > 0");
        });
        var dir = new Option<string?>("--dir") { Description = "Scratch directory (default: system temp)" };
        return (rows, reps, dir);
    }

    private static Command Csv(CliContext ctx)
    {
        var (rows, reps, dir) = Common();
        var threads = CommonOptions.Threads();
        var cmd = new Command("csv", "Write W4 as CSV, then time CSV reads") { rows, reps, threads, dir };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int t = r.GetValue(threads), reps_ = r.GetValue(reps);
            using var scratch = new ScratchDir(r.GetValue(dir));
            string path = Path.Combine(scratch.Path, "w4.csv");
            using var table = Table.Generate("W4", n);
            var write = Measure(reps_, () => table.WriteCsv(path));
            Print(ctx, "csv_write", n, t, write, n, null);
            long outRows = 0;
            var read = Measure(reps_, () =>
            {
                using var back = Table.ReadCsv(path, new CsvReadOptions { Threads = t });
                outRows = back.NumRows;
            });
            Print(ctx, "csv_read", n, t, read, outRows, null);
            return CliApp.Ok;
        });
        return cmd;
    }

    private static Command Ipc(CliContext ctx)
    {
        var (rows, reps, dir) = Common();
        var compression = new Option<string>("--compression") { DefaultValueFactory = _ => "none" };
        compression.AcceptOnlyFromAmong("none", "lz4", "zstd");
        var cmd = new Command("ipc", "Time Arrow IPC file write and read of W4") { rows, reps, dir, compression };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int reps_ = r.GetValue(reps);
            using var scratch = new ScratchDir(r.GetValue(dir));
            string path = Path.Combine(scratch.Path, "w4.arrow");
            using var table = Table.Generate("W4", n);
            long bytes = n * (8 + 8 + 8 + 8 + 4);  // a, b, c, d's 8 string bytes + its 4-byte offset
            var options = new ArrowWriteOptions
            {
                Compression = r.GetValue(compression) switch
                {
                    "lz4" => ArrowCompression.Lz4Frame,
                    "zstd" => ArrowCompression.Zstd,
                    _ => ArrowCompression.None,
                },
            };
            var write = Measure(reps_, () => table.WriteArrow(path, options));
            Print(ctx, "ipc_write", n, 1, write, n, bytes);
            long outRows = 0;
            var read = Measure(reps_, () =>
            {
                using var back = Table.ReadArrow(path);
                outRows = back.NumRows;
                // Touch every value so a lazy (mmap) reader pays for reading the data.
                using var a = back.Column(0);
                long sum = 0;
                foreach (long v in a.Values<long>()) sum += v;
                GC.KeepAlive(sum);
            });
            Print(ctx, "ipc_read", n, 1, read, outRows, bytes);
            return CliApp.Ok;
        });
        return cmd;
    }

    private static double[] Measure(int reps, Action action)
    {
        var times = new double[reps];
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times;
    }

    private static void Print(CliContext ctx, string op, long rows, int threads, double[] sorted, long outRows, long? bytes)
    {
        double median = sorted[sorted.Length / 2];
        var c = CultureInfo.InvariantCulture;
        string line = string.Create(c,
            $"bench=deeprc op={op} rows={rows} threads={threads} reps={sorted.Length} seconds={median:F4} min={sorted[0]:F4} max={sorted[^1]:F4} rows_per_s={rows / median:F0} out_rows={outRows}");
        if (bytes is long b) line += string.Create(c, $" gb_per_s={b / median / 1e9:F3}");
        ctx.Out.WriteLine(line);
    }
}

/// <summary>A temporary directory removed on dispose.</summary>
internal sealed class ScratchDir : IDisposable
{
    public ScratchDir(string? parent)
    {
        Path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), "deeprc-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a scratch directory left in temp is harmless.
        }
    }
}
