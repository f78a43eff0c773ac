using System.CommandLine;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>deeprc bench ipc: Arrow IPC file write and read of W4, with GB/s.</summary>
internal static class IpcBench
{
    public static Command Create(CliContext ctx)
    {
        var rows = BenchSupport.Rows();
        var reps = BenchSupport.Reps();
        var dir = BenchSupport.Dir();
        var compression = new Option<string>("--compression") { DefaultValueFactory = _ => "none" };
        compression.AcceptOnlyFromAmong("none", "lz4", "zstd");
        var cmd = new Command("ipc", "Time Arrow IPC file write and read of W4") { rows, reps, dir, compression };
        cmd.SetAction(r =>
        {
            long n = r.GetValue(rows);
            int repCount = r.GetValue(reps);
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
            BenchSupport.Print(ctx, "ipc_write", n, 1, BenchSupport.Measure(repCount, () => table.WriteArrow(path, options)), n, bytes);
            long outRows = 0;
            var read = BenchSupport.Measure(repCount, () =>
            {
                using var back = Table.ReadArrow(path);
                outRows = back.NumRows;
                // Touch every value of every fixed-width column so a zero-copy (mmap) read pays for the data.
                long sum = 0;
                foreach (string name in new[] { "a", "c" })
                {
                    using var col = back.Column(name);
                    foreach (long v in col.Values<long>()) sum += v;
                }
                using var b = back.Column("b");
                foreach (double v in b.Values<double>()) sum += (long)v;
                GC.KeepAlive(sum);
            });
            BenchSupport.Print(ctx, "ipc_read", n, 1, read, outRows, bytes);
            return CliApp.Ok;
        });
        return cmd;
    }
}
