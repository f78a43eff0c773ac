using System.CommandLine;
using System.Diagnostics;

namespace DeepRC.Cli.Commands;

/// <summary>
/// deeprc demo — the main job, end to end on one machine: generate a raw multi-table hydrology
/// data set as CSV (station metadata + hourly observations), ingest it (CSV → Arrow with type
/// inference), verify the Arrow files read back identical, and show schemas and heads.
/// Later stages (join, windows, training) are added as the product grows.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliContext ctx)
    {
        var dir = new Option<string>("--dir") { Description = "Output directory", DefaultValueFactory = _ => "artifacts/demo" };
        var stations = new Option<long>("--stations") { Description = "Number of stations", DefaultValueFactory = _ => 64 };
        var hours = new Option<long>("--hours") { Description = "Hours of observations per station", DefaultValueFactory = _ => 24 * 365 };
        var cmd = new Command("demo", "Run the demo pipeline: raw CSV data set → Arrow, schemas and heads") { dir, stations, hours };
        cmd.SetAction(r =>
        {
            string outDir = r.GetValue(dir)!;
            long nStations = r.GetValue(stations), nHours = r.GetValue(hours);
            if (nStations <= 0 || nHours <= 0) throw new UsageException("--stations and --hours must be > 0");
            Directory.CreateDirectory(outDir);
            var sw = Stopwatch.StartNew();

            // 1. Raw data as a data provider would ship it: CSV files.
            string stationsCsv = Path.Combine(outDir, "stations.csv");
            string observationsCsv = Path.Combine(outDir, "observations.csv");
            using (var s = Table.Generate("stations", nStations)) s.WriteCsv(stationsCsv);
            using (var o = Table.Generate("observations", 64 * nHours)) o.WriteCsv(observationsCsv);
            ctx.Out.WriteLine($"[1/3] generated raw CSV: {Describe(stationsCsv)}, {Describe(observationsCsv)}");

            // 2. Ingest: CSV → Arrow with type inference, then check the Arrow files round-trip.
            foreach (string csv in new[] { stationsCsv, observationsCsv })
            {
                string arrow = Path.ChangeExtension(csv, ".arrow");
                using var table = Table.ReadCsv(csv);
                table.WriteArrow(arrow);
                using var back = Table.ReadArrow(arrow);
                if (!back.ContentEquals(table)) throw new DeepRcException(StatusCode.Internal, $"{arrow} does not read back identical");
                ctx.Out.WriteLine($"[2/3] {Path.GetFileName(csv)} → {Describe(arrow)} ({table.NumRows} rows, verified)");
            }

            // 3. Show what we have.
            foreach (string arrow in new[] { "stations.arrow", "observations.arrow" })
            {
                using var table = Table.ReadArrow(Path.Combine(outDir, arrow));
                ctx.Out.WriteLine();
                ctx.Out.WriteLine($"[3/3] {arrow}");
                foreach (var f in table.Schema) ctx.Out.WriteLine($"  {f}");
                using var head = table.Head(5);
                ctx.Out.Write(head.ToString(-1));
            }
            ctx.Out.WriteLine($"demo finished in {sw.Elapsed.TotalSeconds:F2} s; outputs in {Path.GetFullPath(outDir)}");
            return CliApp.Ok;
        });
        return cmd;
    }

    private static string Describe(string path) => $"{Path.GetFileName(path)} ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MiB)";
}
