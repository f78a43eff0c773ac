using System.CommandLine;

namespace DeepRC.Cli.Commands;

/// <summary>
/// The --comm / --store / --gather options of the operator commands, and one command's run with
/// them: with --comm mpi|gloo (launched as <c>mpirun -np P deeprc ... --comm mpi</c>) every rank
/// reads its share of the input, the operator runs distributed, and the output is one gathered
/// file (--gather) or OUT.rank&lt;r&gt;.ext per rank. Without --comm everything is local.
/// </summary>
internal sealed class DistributedOptions
{
    public Option<string> Comm { get; } = new("--comm")
    {
        Description = "Run distributed over a communicator: local (default), mpi (under mpirun/srun) or gloo (rank/size from the launcher's environment)",
        DefaultValueFactory = _ => "local",
    };

    public Option<string?> Store { get; } = new("--store")
    {
        Description = "Gloo rendezvous: a directory shared by all ranks, or tcp://HOST:PORT (default: a job-unique directory under the temp dir)",
    };

    public Option<bool> Gather { get; } = new("--gather")
    {
        Description = "Distributed runs: rank 0 writes one file with every row (default: OUT.rank<r>.ext per rank)",
    };

    public DistributedOptions() => Comm.AcceptOnlyFromAmong("local", "mpi", "gloo");

    public void AddTo(Command command)
    {
        command.Options.Add(Comm);
        command.Options.Add(Store);
        command.Options.Add(Gather);
    }

    public DistributedRun Start(ParseResult r, CliContext ctx) =>
        new(r.GetValue(Comm)!, r.GetValue(Store), r.GetValue(Gather), ctx);
}

/// <summary>One command's run (see <see cref="DistributedOptions"/>). Dispose after the tables.</summary>
internal sealed class DistributedRun : IDisposable
{
    private readonly CliContext _ctx;
    private readonly bool _gather;
    private bool _completed;

    public DistributedRun(string comm, string? store, bool gather, CliContext ctx)
    {
        _ctx = ctx;
        _gather = gather;
        Context = comm switch
        {
            "mpi" => DeepRcContext.Mpi(),
            "gloo" => DeepRcContext.Gloo(new GlooOptions { Store = store }),
            _ => null,
        };
    }

    /// <summary>The communicator, or null for a local run.</summary>
    public DeepRcContext? Context { get; }

    /// <summary>True on the rank that reports (rank 0, or the only process).</summary>
    public bool IsReporter => Context is null || Context.Rank == 0;

    /// <summary>This rank's share of <paramref name="path"/> (bound to the context), or the whole file locally.</summary>
    public Table Read(string path, CsvReadOptions? csv = null)
    {
        if (Context is null) return CommonOptions.ReadTable(path, csv);
        CommonOptions.EnsureKnownExtension(path);
        if (!File.Exists(path)) throw new DeepRcIOException($"cannot open '{path}': no such file");
        return Context.Read([path], csv);
    }

    /// <summary>Writes the result; returns the global row count.</summary>
    public long Write(Table result, string path, CsvWriteOptions? csv = null)
    {
        if (Context is null)
        {
            result.Write(path, csv);
            return result.NumRows;
        }
        result.WriteDistributed(path, _gather, csv);
        return result.CountRows();
    }

    /// <summary>Where the output went (for the report line).</summary>
    public string OutputName(string path) =>
        Context is null || _gather ? path : $"{Table.RankPath(path, 0)} .. {Table.RankPath(path, Context.Size - 1)}";

    /// <summary>Prints a line on the reporting rank only.</summary>
    public void Report(string line)
    {
        if (IsReporter) _ctx.Out.WriteLine(Context is null ? line : $"{line} [{Context.Backend}, {Context.Size} ranks]");
    }

    /// <summary>Marks the run successful: Dispose then closes the communicator collectively.</summary>
    public int Complete()
    {
        _completed = true;
        return CliApp.Ok;
    }

    public void Dispose()
    {
        if (Context is null) return;
        // On failure the other ranks may never reach a matching close: free without communicating.
        if (_completed) Context.Dispose();
        else Context.Abandon();
    }
}
