using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>Options, timing and output shared by every benchmark command.</summary>
internal static class BenchSupport
{
    public static Option<long> Rows(long defaultRows = 1_000_000)
    {
        var rows = new Option<long>("--rows", "-n") { Description = "Rows of the workload table (N)", DefaultValueFactory = _ => defaultRows };
        rows.Validators.Add(v =>
        {
            if (v.GetValue(rows) <= 0) v.AddError("--rows must be > 0");
        });
        return rows;
    }

    public static Option<int> Reps()
    {
        var reps = new Option<int>("--reps", "-r") { Description = "Repetitions (the median is reported)", DefaultValueFactory = _ => 3 };
        reps.Validators.Add(v =>
        {
            if (v.GetValue(reps) <= 0) v.AddError("--reps must be > 0");
        });
        return reps;
    }

    public static Option<string?> Dir() => new("--dir") { Description = "Scratch directory (default: system temp)" };

    /// <summary>Runs <paramref name="action"/> <paramref name="reps"/> times; returns sorted seconds.</summary>
    public static double[] Measure(int reps, Action action)
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

    /// <summary>
    /// Times an operator that returns a result table, <paramref name="reps"/> times. Each result is
    /// fully materialised inside the timed region and disposed outside it, before the next rep.
    /// </summary>
    public static (double[] Seconds, long OutRows) MeasureResults(int reps, Func<Table> run)
    {
        var times = new double[reps];
        long outRows = 0;
        for (int i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            Table result = run();
            times[i] = sw.Elapsed.TotalSeconds;
            outRows = result.NumRows;
            result.Dispose();
        }
        Array.Sort(times);
        return (times, outRows);
    }

    /// <summary>Prints one line in the anchors' format (median over reps); threads 0 prints the core count used.</summary>
    public static void Print(CliContext ctx, string op, long rows, int threads, double[] sorted, long outRows, long? bytes = null)
    {
        if (threads <= 0) threads = Environment.ProcessorCount;
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
