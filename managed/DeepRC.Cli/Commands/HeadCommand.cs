using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc head FILE [-n N] — the first rows as a table.</summary>
internal static class HeadCommand
{
    public static Command Create(CliContext ctx)
    {
        var file = new Argument<string>("file") { Description = "CSV or Arrow file" };
        var rows = new Option<long>("-n", "--rows") { Description = "Number of rows", DefaultValueFactory = _ => 10 };
        rows.Validators.Add(v =>
        {
            if (v.GetValue(rows) < 0) v.AddError("-n must be >= 0");
        });
        var delimiter = CommonOptions.Delimiter();
        var cmd = new Command("head", "Print the first rows of a file") { file, rows, delimiter };
        cmd.SetAction(r =>
        {
            using var table = CommonOptions.ReadTable(r.GetValue(file)!, new CsvReadOptions { Delimiter = CommonOptions.ParseDelimiter(r.GetValue(delimiter)!) });
            using var head = table.Head(r.GetValue(rows));
            ctx.Out.Write(head.ToString(-1));
            return CliApp.Ok;
        });
        return cmd;
    }
}
