using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>deeprc bench OP — throughput figures in the anchors' line format. Each operation's
/// benchmark lives in Commands/Bench/&lt;Op&gt;Bench.cs and is registered here.</summary>
internal static class BenchCommand
{
    public static Command Create(CliContext ctx)
    {
        var cmd = new Command("bench", "Benchmarks that print 'bench=deeprc op=... rows_per_s=...' lines");
        cmd.Subcommands.Add(Bench.CsvBench.Create(ctx));
        cmd.Subcommands.Add(Bench.IpcBench.Create(ctx));
        cmd.Subcommands.Add(Bench.FilterBench.Create(ctx));
        cmd.Subcommands.Add(Bench.SortBench.Create(ctx));
        foreach (var c in Bench.UniqueBench.Create(ctx)) cmd.Subcommands.Add(c);
        cmd.Subcommands.Add(Bench.GroupByBench.Create(ctx));
        cmd.Subcommands.Add(Bench.JoinBench.Create(ctx));
        return cmd;
    }
}
