using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc join LEFT RIGHT --on k[,k2] | --left-on a --right-on b [--how ...] -o OUT.</summary>
internal static class JoinCommand
{
    public static Command Create(CliContext ctx)
    {
        var left = new Argument<string>("left") { Description = "Left input (.csv, .tsv, .arrow, .arrows, .feather)" };
        var right = new Argument<string>("right") { Description = "Right input" };
        var on = new Option<string?>("--on") { Description = "Key column(s) present in both inputs, comma-separated" };
        var leftOn = new Option<string?>("--left-on") { Description = "Left key column(s), comma-separated (with --right-on)" };
        var rightOn = new Option<string?>("--right-on") { Description = "Right key column(s), comma-separated (with --left-on)" };
        var how = new Option<string>("--how") { Description = "Join type", DefaultValueFactory = _ => "inner" };
        how.AcceptOnlyFromAmong("inner", "left", "right", "outer", "full", "semi", "anti");
        var suffixes = new Option<string>("--suffixes") { Description = "Suffixes for clashing non-key names: LEFT,RIGHT", DefaultValueFactory = _ => "_x,_y" };
        var algorithm = new Option<string>("--algorithm") { Description = "auto, hash, or sort-merge (inputs already sorted by the keys)", DefaultValueFactory = _ => "auto" };
        algorithm.AcceptOnlyFromAmong("auto", "hash", "sort-merge");
        var cast = new Option<bool>("--cast") { Description = "Compare numeric keys of different types as a common type" };
        var threads = CommonOptions.Threads();
        var output = new Option<string>("--output", "-o") { Description = "Output file; the format follows the extension", Required = true };
        var cmd = new Command("join", "Join two tables on key columns")
        {
            left, right, on, leftOn, rightOn, how, suffixes, algorithm, cast, threads, output,
        };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            string? onText = r.GetValue(on), leftText = r.GetValue(leftOn), rightText = r.GetValue(rightOn);
            string[] lk, rk;
            if (onText is not null)
            {
                if (leftText is not null || rightText is not null) throw new UsageException("use either --on or --left-on/--right-on, not both");
                lk = rk = SplitNames(onText, "--on");
            }
            else
            {
                if (leftText is null || rightText is null) throw new UsageException("give the keys with --on, or with both --left-on and --right-on");
                lk = SplitNames(leftText, "--left-on");
                rk = SplitNames(rightText, "--right-on");
                if (lk.Length != rk.Length)
                    throw new UsageException($"--left-on has {lk.Length} column(s) but --right-on has {rk.Length}");
            }
            string[] sfx = r.GetValue(suffixes)!.Split(',');
            if (sfx.Length != 2) throw new UsageException("--suffixes must be LEFT,RIGHT (e.g. _x,_y)");
            var type = r.GetValue(how) switch
            {
                "left" => JoinType.Left,
                "right" => JoinType.Right,
                "outer" or "full" => JoinType.Full,
                "semi" => JoinType.Semi,
                "anti" => JoinType.Anti,
                _ => JoinType.Inner,
            };
            var options = new JoinOptions
            {
                Suffixes = (sfx[0], sfx[1]),
                Algorithm = r.GetValue(algorithm) switch
                {
                    "hash" => JoinAlgorithm.Hash,
                    "sort-merge" => JoinAlgorithm.SortMerge,
                    _ => JoinAlgorithm.Auto,
                },
                AllowCast = r.GetValue(cast),
                Threads = r.GetValue(threads),
            };
            var csv = new CsvReadOptions { Threads = options.Threads };
            using var run = dist.Start(r, ctx);
            using var lt = run.Read(r.GetValue(left)!, csv);
            using var rt = run.Read(r.GetValue(right)!, csv);
            using var result = lt.Join(rt, lk, rk, type, options);
            long rows = run.Write(result, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {rows} rows x {result.NumColumns} columns");
            return run.Complete();
        });
        return cmd;
    }

    private static string[] SplitNames(string text, string option)
    {
        string[] names = text.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length == 0)) throw new UsageException($"{option}: empty column name in '{text}'");
        return names;
    }
}
