using System.CommandLine;
using System.Globalization;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc groupby IN --by k[,k2] --agg v:sum,v:mean,w:count[,v:quantile=0.9[:p90]] [--threads N] -o OUT.</summary>
internal static class GroupByCommand
{
    private static readonly Dictionary<string, AggFunc> Funcs = new(StringComparer.Ordinal)
    {
        ["sum"] = AggFunc.Sum, ["count"] = AggFunc.Count, ["count_all"] = AggFunc.CountAll, ["mean"] = AggFunc.Mean,
        ["min"] = AggFunc.Min, ["max"] = AggFunc.Max, ["var"] = AggFunc.Var, ["std"] = AggFunc.Std,
        ["var_pop"] = AggFunc.VarPop, ["std_pop"] = AggFunc.StdPop, ["first"] = AggFunc.First, ["last"] = AggFunc.Last,
        ["nunique"] = AggFunc.NUnique, ["median"] = AggFunc.Median, ["quantile"] = AggFunc.Quantile,
    };

    public static Command Create(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (.csv, .tsv, .arrow, .arrows, .feather)" };
        var by = new Option<string>("--by", "-b") { Description = "Key columns, comma separated", Required = true };
        var aggs = new Option<string>("--agg", "-a")
        {
            Description = "Aggregations column:func[:alias], comma separated; func is one of " + string.Join(", ", Funcs.Keys) +
                          " (quantile=Q for a quantile, e.g. v:quantile=0.9:p90; count_all needs no column: :count_all)",
            Required = true,
        };
        var output = new Option<string>("--output", "-o") { Description = "Output file; the format follows the extension", Required = true };
        var threads = CommonOptions.Threads();
        threads.Description = "Threads (0 = all cores); results are identical for every value";
        var cmd = new Command("groupby", "Group rows by key columns and aggregate (one row per group, in order of first appearance)")
        {
            input, by, aggs, output, threads,
        };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            string[] keys = SplitList(r.GetValue(by)!, "--by");
            Agg[] specs = SplitList(r.GetValue(aggs)!, "--agg").Select(ParseAgg).ToArray();
            using var run = dist.Start(r, ctx);
            using var table = run.Read(r.GetValue(input)!);
            using var result = table.GroupBy(keys).WithThreads(r.GetValue(threads)).Aggregate(specs);
            long groups = run.Write(result, outPath);
            run.Report($"wrote {run.OutputName(outPath)}: {groups} groups x {result.NumColumns} columns");
            return run.Complete();
        });
        return cmd;
    }

    private static string[] SplitList(string text, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw new UsageException($"{option} must name at least one entry");
        return parts;
    }

    /// <summary>Parses "v:sum", "v:quantile=0.9", "v:mean:avg", ":count_all".</summary>
    internal static Agg ParseAgg(string text)
    {
        string[] p = text.Split(':');
        if (p.Length is < 2 or > 3 || p[1].Length == 0)
            throw new UsageException($"--agg entry '{text}' is not column:func[:alias]");
        string column = p[0], func = p[1];
        double q = 0.5;
        int eq = func.IndexOf('=', StringComparison.Ordinal);
        if (eq >= 0)
        {
            if (func[..eq] != "quantile")
                throw new UsageException($"--agg entry '{text}': only quantile takes a parameter (quantile=Q)");
            if (!double.TryParse(func[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out q) || !(q >= 0 && q <= 1))
                throw new UsageException($"--agg entry '{text}': quantile must be a number in [0, 1]");
            func = "quantile";
        }
        else if (func == "quantile")
        {
            throw new UsageException($"--agg entry '{text}': quantile needs a value, e.g. {column}:quantile=0.9");
        }
        if (!Funcs.TryGetValue(func, out AggFunc f))
            throw new UsageException($"--agg entry '{text}': unknown function '{func}' (expected one of {string.Join(", ", Funcs.Keys)})");
        if (column.Length == 0 && f != AggFunc.CountAll)
            throw new UsageException($"--agg entry '{text}' needs a column");
        var agg = new Agg(column.Length == 0 ? null : column, f, q);
        if (p.Length == 3)
        {
            if (p[2].Length == 0) throw new UsageException($"--agg entry '{text}': empty alias");
            agg = agg.As(p[2]);
        }
        return agg;
    }
}
