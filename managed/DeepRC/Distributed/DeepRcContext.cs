using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC;

/// <summary>
/// A communicator: a fixed group of ranks (processes or threads) that run collectives together.
/// Tables bound to a context of size &gt; 1 (<see cref="Bind(Table)"/>, <see cref="ContextIO.ReadCsv(DeepRcContext, IReadOnlyList{string}, CsvReadOptions?)"/>)
/// are partitions of one distributed table, and their operators (join, sort, groupby, unique, set
/// operations, head/tail/slice) run distributed. Every rank must call every collective and every
/// distributed operator in the same order.
/// <para>Dispose is the collective release (every rank must dispose); a context that is only
/// finalized frees its memory without communicating, so a finalizer never hangs.</para>
/// </summary>
public sealed unsafe class DeepRcContext : IDisposable
{
    private readonly CommHandle _handle;
    private bool _closed;

    private DeepRcContext(drc_comm* comm)
    {
        _handle = new CommHandle(comm);
        Rank = NativeMethods.drc_comm_rank(comm);
        Size = NativeMethods.drc_comm_size(comm);
        Backend = Native.FromUtf8(NativeMethods.drc_comm_backend(comm)) ?? "";
    }

    /// <summary>This process's (or thread's) rank in [0, <see cref="Size"/>).</summary>
    public int Rank { get; }
    /// <summary>The number of ranks.</summary>
    public int Size { get; }
    /// <summary>"local", "threads", "mpi", "gloo" or "nccl".</summary>
    public string Backend { get; }
    /// <summary>True when operators on bound tables run distributed (<see cref="Size"/> &gt; 1).</summary>
    public bool IsDistributed => Size > 1;

    internal drc_comm* Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(_closed || _handle.IsClosed, this);
            return _handle.Ptr;
        }
    }

    /// <summary>A size-1 context: every operator is the local one.</summary>
    public static DeepRcContext Local()
    {
        Native.EnsureLoaded();
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_local(&c));
        return new DeepRcContext(c);
    }

    /// <summary>
    /// MPI_COMM_WORLD (libdeeprc_mpi.so). Initialises MPI unless the host already did; then MPI is
    /// finalized when the last DeepRC MPI context is disposed. Run under <c>mpirun</c> or <c>srun</c>.
    /// </summary>
    public static DeepRcContext Mpi(MpiThreadLevel threadLevel = MpiThreadLevel.Funneled)
    {
        if (!Enum.IsDefined(threadLevel)) throw new ArgumentOutOfRangeException(nameof(threadLevel));
        Native.EnsureLoaded();
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_mpi_world((int)threadLevel, &c));
        return new DeepRcContext(c);
    }

    /// <summary>Wraps the host's communicator given as a Fortran handle (MPI_Comm_c2f; mpi4py's <c>py2f()</c>); DeepRC duplicates it.</summary>
    public static DeepRcContext MpiFromFortranHandle(long fortranHandle)
    {
        Native.EnsureLoaded();
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_mpi_wrap_fortran(fortranHandle, &c));
        return new DeepRcContext(c);
    }

    /// <summary>Wraps the host's communicator given as the address of an <c>MPI_Comm</c>; DeepRC duplicates it.</summary>
    public static DeepRcContext MpiFromCommPointer(nint mpiCommPointer)
    {
        if (mpiCommPointer == 0) throw new ArgumentException("the MPI_Comm pointer is null", nameof(mpiCommPointer));
        Native.EnsureLoaded();
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_mpi_wrap((void*)mpiCommPointer, &c));
        return new DeepRcContext(c);
    }

    /// <summary>Gloo over TCP (libdeeprc_gloo.so), rendezvousing through a file or TCP store.</summary>
    public static DeepRcContext Gloo(GlooOptions? options = null)
    {
        options ??= new GlooOptions();
        using var store = new Utf8Buffer(options.Store);
        using var prefix = new Utf8Buffer(options.Prefix);
        using var host = new Utf8Buffer(options.Hostname);
        using var iface = new Utf8Buffer(options.Interface);
        using var secret = new Utf8Buffer(options.Secret);
        Native.EnsureLoaded();
        drc_gloo_options o;
        NativeMethods.drc_gloo_options_init(&o);
        o.rank = options.Rank ?? -1;
        o.size = options.Size ?? -1;
        o.store = store.Pointer;
        o.prefix = prefix.Pointer;
        o.hostname = host.Pointer;
        o.iface = iface.Pointer;
        o.secret = secret.Pointer;
        o.timeout_ms = (long)options.Timeout.TotalMilliseconds;
        o.serve_store = options.ServeStore ? 1 : 0;
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_gloo(&o, &c));
        return new DeepRcContext(c);
    }

    /// <summary>
    /// <paramref name="size"/> contexts of one in-process group (threads as ranks): context r must
    /// be driven by its own thread. For tests and for running distributed code on one machine.
    /// </summary>
    public static DeepRcContext[] ThreadGroup(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Native.EnsureLoaded();
        var ptrs = new nint[size];
        fixed (nint* p = ptrs) Native.Check(NativeMethods.drc_comm_thread_group(size, (drc_comm**)p));
        return ptrs.Select(p => new DeepRcContext((drc_comm*)p)).ToArray();
    }

    /// <summary>Null when NCCL can be used here; otherwise the reason ("NCCL not available: ...").</summary>
    public static string? NcclUnavailableReason()
    {
        Native.EnsureLoaded();
        drc_status* s = NativeMethods.drc_nccl_available();
        if (s == null) return null;
        try
        {
            return Native.FromUtf8(NativeMethods.drc_status_message(s));
        }
        finally
        {
            NativeMethods.drc_status_free(s);
        }
    }

    /// <summary>An NCCL context over the same ranks on CUDA device <paramref name="device"/> (device buffers only).</summary>
    public DeepRcContext Nccl(int device)
    {
        drc_comm* c;
        Native.Check(NativeMethods.drc_comm_nccl(Ptr, device, &c));
        GC.KeepAlive(this);
        return new DeepRcContext(c);
    }

    /// <summary>
    /// A context over <paramref name="ranks"/> (strictly increasing, including this rank), called by
    /// those ranks only with the same <paramref name="tag"/> (distinct for groups created at the same time).
    /// </summary>
    public DeepRcContext CreateGroup(IReadOnlyList<int> ranks, long tag)
    {
        ArgumentNullException.ThrowIfNull(ranks);
        int[] r = ranks.ToArray();
        drc_comm* c;
        fixed (int* p = r) Native.Check(NativeMethods.drc_comm_create_group(Ptr, p, r.Length, tag, &c));
        GC.KeepAlive(this);
        return new DeepRcContext(c);
    }

    /// <summary>Blocks until every rank has called it.</summary>
    public void Barrier()
    {
        Native.Check(NativeMethods.drc_comm_barrier(Ptr));
        GC.KeepAlive(this);
    }

    /// <summary>Element-wise reduction over all ranks; every rank receives the result.</summary>
    public void AllReduce<T>(ReadOnlySpan<T> send, Span<T> recv, ReduceOp op) where T : unmanaged
    {
        if (recv.Length != send.Length) throw new ArgumentException($"recv has {recv.Length} elements, send {send.Length}", nameof(recv));
        int type = NumericTypeId<T>();
        fixed (T* s = send)
        fixed (T* r = recv)
            Native.Check(NativeMethods.drc_comm_allreduce(Ptr, s, r, send.Length, type, (int)op));
        GC.KeepAlive(this);
    }

    /// <summary>The reduction of one value over all ranks.</summary>
    public T AllReduce<T>(T value, ReduceOp op) where T : unmanaged
    {
        T result = default;
        AllReduce(new ReadOnlySpan<T>(in value), new Span<T>(ref result), op);
        return result;
    }

    /// <summary>Every rank's value, indexed by rank.</summary>
    public T[] AllGather<T>(T value) where T : unmanaged
    {
        var result = new T[Size];
        fixed (T* r = result) Native.Check(NativeMethods.drc_comm_allgather(Ptr, &value, sizeof(T), r));
        GC.KeepAlive(this);
        return result;
    }

    /// <summary>Copies <paramref name="buffer"/> of rank <paramref name="root"/> into every rank's buffer (same length everywhere).</summary>
    public void Broadcast<T>(Span<T> buffer, int root) where T : unmanaged
    {
        fixed (T* b = buffer) Native.Check(NativeMethods.drc_comm_bcast(Ptr, b, (long)buffer.Length * sizeof(T), root));
        GC.KeepAlive(this);
    }

    /// <summary>Binds <paramref name="partition"/> (this rank's rows) to this context, zero-copy.</summary>
    public Table Bind(Table partition)
    {
        ArgumentNullException.ThrowIfNull(partition);
        return partition.WithContext(this);
    }

    /// <summary>The collective release: every rank must dispose its context.</summary>
    public void Dispose()
    {
        if (_closed) return;
        _closed = true;
        drc_status* s = NativeMethods.drc_comm_close(_handle.Ptr);
        _handle.Dispose();
        Native.Check(s);
    }

    /// <summary>Frees this rank's memory WITHOUT the collective close (for error paths where the
    /// other ranks may not reach a matching close; an MPI job then ends without MPI_Finalize).</summary>
    public void Abandon()
    {
        if (_closed) return;
        _closed = true;
        _handle.Dispose();
    }

    internal static int NumericTypeId<T>() where T : unmanaged => typeof(T) switch
    {
        var t when t == typeof(sbyte) => (int)drc_type_id.DRC_TYPE_INT8,
        var t when t == typeof(short) => (int)drc_type_id.DRC_TYPE_INT16,
        var t when t == typeof(int) => (int)drc_type_id.DRC_TYPE_INT32,
        var t when t == typeof(long) => (int)drc_type_id.DRC_TYPE_INT64,
        var t when t == typeof(byte) => (int)drc_type_id.DRC_TYPE_UINT8,
        var t when t == typeof(ushort) => (int)drc_type_id.DRC_TYPE_UINT16,
        var t when t == typeof(uint) => (int)drc_type_id.DRC_TYPE_UINT32,
        var t when t == typeof(ulong) => (int)drc_type_id.DRC_TYPE_UINT64,
        var t when t == typeof(float) => (int)drc_type_id.DRC_TYPE_FLOAT32,
        var t when t == typeof(double) => (int)drc_type_id.DRC_TYPE_FLOAT64,
        _ => throw new NotSupportedException($"{typeof(T).Name} is not a numeric type a communicator can reduce"),
    };
}
