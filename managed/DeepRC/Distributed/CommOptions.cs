namespace DeepRC;

/// <summary>The MPI thread support DeepRC asks for when it initialises MPI itself.</summary>
public enum MpiThreadLevel
{
    /// <summary>MPI_THREAD_SINGLE.</summary>
    Single = 0,
    /// <summary>MPI_THREAD_FUNNELED: only the thread that initialised MPI calls it (the default).</summary>
    Funneled = 1,
    /// <summary>MPI_THREAD_SERIALIZED.</summary>
    Serialized = 2,
    /// <summary>MPI_THREAD_MULTIPLE.</summary>
    Multiple = 3,
}

/// <summary>Element-wise reductions of <see cref="DeepRcContext.AllReduce{T}(ReadOnlySpan{T}, Span{T}, ReduceOp)"/>.</summary>
public enum ReduceOp
{
    /// <summary>Sum.</summary>
    Sum = (int)Interop.drc_reduce_op.DRC_REDUCE_SUM,
    /// <summary>Minimum.</summary>
    Min = (int)Interop.drc_reduce_op.DRC_REDUCE_MIN,
    /// <summary>Maximum.</summary>
    Max = (int)Interop.drc_reduce_op.DRC_REDUCE_MAX,
}

/// <summary>
/// Options of <see cref="DeepRcContext.Gloo(GlooOptions?)"/>. Unset rank/size come from the
/// launcher's environment (OpenMPI, MPICH/PMI, SLURM), so <c>mpirun -np 4 app</c> just works.
/// </summary>
public sealed record GlooOptions
{
    /// <summary>This process's rank; null = from the launcher's environment.</summary>
    public int? Rank { get; init; }
    /// <summary>The number of ranks; null = from the launcher's environment.</summary>
    public int? Size { get; init; }
    /// <summary>Rendezvous store: a directory shared by all ranks (or <c>file://DIR</c>), or
    /// <c>tcp://HOST:PORT</c>; null = a directory unique to the launcher's job under the temp dir.</summary>
    public string? Store { get; init; }
    /// <summary>Key prefix; null = derived from the launcher's job id.</summary>
    public string? Prefix { get; init; }
    /// <summary>The address peers connect to; null = this host's name.</summary>
    public string? Hostname { get; init; }
    /// <summary>Network interface to bind instead of <see cref="Hostname"/> (e.g. "lo").</summary>
    public string? Interface { get; init; }
    /// <summary>Secret of a tcp:// store; null = $DEEPRC_STORE_SECRET or none.</summary>
    public string? Secret { get; init; }
    /// <summary>Rendezvous and per-collective timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>tcp:// store only: rank 0 serves the store at HOST:PORT.</summary>
    public bool ServeStore { get; init; }
}
