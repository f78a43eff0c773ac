using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc filter IN --where EXPR -o OUT and deeprc select IN --columns a,b [--rename a=x] -o OUT.</summary>
internal static class ExprCommands
{
    public static IEnumerable<Command> Create(CliContext ctx) => [Filter(ctx), Select(ctx)];

    private static Option<string> Output() => new("--output", "-o") { Description = "Output file (.csv, .tsv, .arrow, .arrows, .feather)", Required = true };

    private static Command Filter(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (CSV or Arrow)" };
        var where = new Option<string>("--where", "-w") { Description = "Predicate, e.g. \"v > 3 and k != 7\"", Required = true };
        var threads = new Option<int>("--threads", "-t") { Description = "Threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        threads.Validators.Add(v =>
        {
            if (v.GetValue(threads) < 0) v.AddError("--threads must be >= 0");
        });
        var output = Output();
        var cmd = new Command("filter", "Keep the rows where an expression is true") { input, where, threads, output };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            int t = r.GetValue(threads);
            var predicate = Expr.Parse(r.GetValue(where)!);  // syntax errors before reading the input
            using var run = dist.Start(r, ctx);
            using var table = run.Read(r.GetValue(input)!, new CsvReadOptions { Threads = t });
            using var kept = table.Filter(predicate, t);
            long inRows = table.CountRows();
            long rows = run.Write(kept, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {rows} of {inRows} rows");
            return run.Complete();
        });
        return cmd;
    }

    private static Command Select(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (CSV or Arrow)" };
        var columns = new Option<string?>("--columns", "-c") { Description = "Columns to keep, in order: a,b,c (default: all)" };
        var rename = new Option<string[]>("--rename") { Description = "Rename a column: old=new (repeatable; applied after --columns)" };
        var output = Output();
        var cmd = new Command("select", "Keep and rename columns") { input, columns, rename, output };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            var renames = (r.GetValue(rename) ?? []).Select(ParseRename).ToArray();
            string? cols = r.GetValue(columns);
            using var run = dist.Start(r, ctx);
            using var table = run.Read(r.GetValue(input)!);
            using var selected = cols is null ? table.Rename() : table.Select(SplitColumns(cols));
            using var renamed = selected.Rename(renames);
            long rows = run.Write(renamed, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {rows} rows x {renamed.NumColumns} columns");
            return run.Complete();
        });
        return cmd;
    }

    private static string[] SplitColumns(string text)
    {
        var names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0)) throw new UsageException($"--columns: empty column name in '{text}'");
        return names;
    }

    private static (string, string) ParseRename(string text)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1) throw new UsageException($"--rename expects old=new, got '{text}'");
        return (text[..eq], text[(eq + 1)..]);
    }
}
