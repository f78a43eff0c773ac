using System.CommandLine;
using System.Diagnostics;

namespace DeepRC.Cli.Commands.Bench;

/// <summary>
/// --comm / --store for the operator benchmarks. Under <c>mpirun -np P deeprc bench join --comm
/// mpi</c> every rank generates its share of the N rows (rows [N*r/P, N*(r+1)/P), untimed), the
/// distributed operator is timed (a barrier before each rep; the reported time of a rep is the
/// slowest rank's), and rank 0 prints the anchors' line with ranks=P and comm=BACKEND. Without
/// --comm the benchmark is the local operator, as before.
/// </summary>
internal sealed class BenchCommOptions
{
    public Option<string> Comm { get; } = new("--comm") { Description = "local (default), mpi or gloo", DefaultValueFactory = _ => "local" };
    public Option<string?> Store { get; } = new("--store") { Description = "Gloo rendezvous directory or tcp://HOST:PORT" };

    public BenchCommOptions() => Comm.AcceptOnlyFromAmong("local", "mpi", "gloo");

    public void AddTo(Command command)
    {
        command.Options.Add(Comm);
        command.Options.Add(Store);
    }

    public BenchRun Start(ParseResult r) => new(r.GetValue(Comm)!, r.GetValue(Store));
}

/// <summary>One benchmark run, local or distributed (see <see cref="BenchCommOptions"/>).</summary>
internal sealed class BenchRun : IDisposable
{
    private bool _completed;

    public BenchRun(string comm, string? store)
    {
        Context = comm switch
        {
            "mpi" => DeepRcContext.Mpi(),
            "gloo" => DeepRcContext.Gloo(new GlooOptions { Store = store }),
            _ => null,
        };
    }

    public DeepRcContext? Context { get; }

    /// <summary>This rank's share of workload <paramref name="name"/> with <paramref name="rows"/> rows in total.</summary>
    public Table Generate(string name, long rows)
    {
        if (Context is null) return Table.Generate(name, rows);
        long start = rows * Context.Rank / Context.Size, end = rows * (Context.Rank + 1) / Context.Size;
        using var share = Table.Generate(name, rows, start, end - start);
        return Context.Bind(share);
    }

    /// <summary>Sorted seconds per rep (the slowest rank's) and the global output row count.</summary>
    public (double[] Seconds, long OutRows) Measure(int reps, Func<Table> run)
    {
        if (Context is null) return BenchSupport.MeasureResults(reps, run);
        var times = new double[reps];
        long outRows = 0;
        for (int i = 0; i < reps; i++)
        {
            Context.Barrier();
            var sw = Stopwatch.StartNew();
            Table result = run();
            double mine = sw.Elapsed.TotalSeconds;
            times[i] = Context.AllReduce(mine, ReduceOp.Max);
            outRows = result.CountRows();
            result.Dispose();
        }
        Array.Sort(times);
        return (times, outRows);
    }

    public void Print(CliContext ctx, string op, long rows, int threads, double[] sorted, long outRows)
    {
        if (Context is null)
        {
            BenchSupport.Print(ctx, op, rows, threads, sorted, outRows);
            return;
        }
        if (Context.Rank != 0) return;
        var line = new StringWriter();
        BenchSupport.Print(new CliContext(line, ctx.Error), op, rows, threads, sorted, outRows);
        ctx.Out.WriteLine($"{line.ToString().TrimEnd()} ranks={Context.Size} comm={Context.Backend}");
    }

    public int Complete()
    {
        _completed = true;
        return CliApp.Ok;
    }

    public void Dispose()
    {
        if (Context is null) return;
        if (_completed) Context.Dispose();
        else Context.Abandon();
    }
}
