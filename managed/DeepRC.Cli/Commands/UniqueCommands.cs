using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>
/// deeprc unique IN [--on cols] [--keep first|last|none] [--threads N] -o OUT, and
/// deeprc setop union|union-all|intersect|difference A B [--threads N] -o OUT.
/// </summary>
internal static class UniqueCommands
{
    public static IEnumerable<Command> Create(CliContext ctx) => [Unique(ctx), SetOp(ctx)];

    private static Option<string> Output() => new("--output", "-o")
    {
        Description = "Output file; the format follows the extension (.csv, .tsv, .arrow, .arrows, .feather)",
        Required = true,
    };

    private static Option<int> Threads() => new("--threads", "-t")
    {
        Description = "Threads (0 = all cores; the result does not depend on it)",
        DefaultValueFactory = _ => 0,
    };

    private static Command Unique(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (.csv, .tsv, .arrow, .arrows, .feather)" };
        var on = new Option<string?>("--on") { Description = "Key columns, comma separated (default: all columns)" };
        var keep = new Option<string>("--keep")
        {
            Description = "Row kept per key: first, last, or none (drop every duplicated key)",
            DefaultValueFactory = _ => "first",
        };
        keep.AcceptOnlyFromAmong("first", "last", "none");
        var threads = Threads();
        var output = Output();
        var cmd = new Command("unique", "Drop duplicate rows (on all or some columns), keeping input order") { input, on, keep, threads, output };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            string[] columns = (r.GetValue(on) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Keep k = r.GetValue(keep) switch
            {
                "last" => Keep.Last,
                "none" => Keep.None,
                _ => Keep.First,
            };
            using var run = dist.Start(r, ctx);
            using var table = run.Read(r.GetValue(input)!);
            using var result = table.Unique(k, columns, r.GetValue(threads));
            long inRows = table.CountRows();
            long rows = run.Write(result, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {rows} of {inRows} rows");
            return run.Complete();
        });
        return cmd;
    }

    private static Command SetOp(CliContext ctx)
    {
        var op = new Argument<string>("operation") { Description = "union, union-all, intersect or difference" };
        op.AcceptOnlyFromAmong("union", "union-all", "intersect", "difference");
        var a = new Argument<string>("a") { Description = "First table (its schema is the result's)" };
        var b = new Argument<string>("b") { Description = "Second table (same column names and types)" };
        var threads = Threads();
        var output = Output();
        var cmd = new Command("setop", "Set operation on whole rows (SQL semantics: distinct except union-all)") { op, a, b, threads, output };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            int t = r.GetValue(threads);
            using var run = dist.Start(r, ctx);
            using var left = run.Read(r.GetValue(a)!);
            using var right = run.Read(r.GetValue(b)!);
            using var result = r.GetValue(op) switch
            {
                "union" => left.Union(right, t),
                "union-all" => left.UnionAll(right, t),
                "intersect" => left.Intersect(right, t),
                _ => left.Difference(right, t),
            };
            long rows = run.Write(result, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {rows} rows");
            return run.Complete();
        });
        return cmd;
    }
}
