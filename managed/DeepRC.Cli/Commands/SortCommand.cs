using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc sort IN --by col[:desc][,col2[:asc]] [--nulls first|last] [--threads N] -o OUT.</summary>
internal static class SortCommand
{
    public static Command Create(CliContext ctx)
    {
        var input = new Argument<string>("input") { Description = "Input file (.csv, .tsv, .arrow, .arrows, .feather)" };
        var by = new Option<string>("--by", "-b")
        {
            Description = "Sort keys, most significant first: col[:asc|:desc][,col2[:asc|:desc]...]",
            Required = true,
        };
        var nulls = new Option<string>("--nulls") { Description = "Null placement for every key", DefaultValueFactory = _ => "last" };
        nulls.AcceptOnlyFromAmong("first", "last");
        var threads = new Option<int>("--threads", "-t") { Description = "Threads (0 = all cores)", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--output", "-o") { Description = "Output file; the format follows the extension", Required = true };
        var delimiter = CommonOptions.Delimiter();
        var cmd = new Command("sort", "Sort a table by one or more columns (stable; distributed: sample sort, globally ordered by rank)") { input, by, nulls, threads, output, delimiter };
        var dist = new DistributedOptions();
        dist.AddTo(cmd);
        cmd.SetAction(r =>
        {
            string outPath = r.GetValue(output)!;
            CommonOptions.EnsureKnownExtension(outPath);
            var keys = ParseKeys(r.GetValue(by)!, r.GetValue(nulls) == "first" ? NullPlacement.First : NullPlacement.Last);
            char delim = CommonOptions.ParseDelimiter(r.GetValue(delimiter)!);
            int t = r.GetValue(threads);
            using var run = dist.Start(r, ctx);
            using var table = run.Read(r.GetValue(input)!, new CsvReadOptions { Delimiter = delim, Threads = t });
            using var sorted = table.Sort(keys, t);
            long rows = run.Write(sorted, outPath, new CsvWriteOptions { Delimiter = delim });
            run.Report($"wrote {run.OutputName(outPath)}: {rows} rows sorted by {string.Join(", ", keys)}");
            return run.Complete();
        });
        return cmd;
    }

    /// <summary>Parses "a,b:desc,c:asc"; a missing or unknown direction is a usage error.</summary>
    public static SortKey[] ParseKeys(string text, NullPlacement nulls)
    {
        var keys = new List<SortKey>();
        foreach (string raw in text.Split(','))
        {
            string part = raw.Trim();
            if (part.Length == 0) throw new UsageException($"--by '{text}' has an empty key");
            int colon = part.LastIndexOf(':');
            string name = part, dir = "asc";
            if (colon >= 0)
            {
                name = part[..colon].Trim();
                dir = part[(colon + 1)..].Trim().ToLowerInvariant();
            }
            if (name.Length == 0) throw new UsageException($"--by key '{part}' has no column name");
            var order = dir switch
            {
                "asc" => SortOrder.Ascending,
                "desc" => SortOrder.Descending,
                _ => throw new UsageException($"--by key '{part}': direction must be asc or desc, got '{dir}'"),
            };
            keys.Add(new SortKey(name, order, nulls));
        }
        return keys.ToArray();
    }
}
