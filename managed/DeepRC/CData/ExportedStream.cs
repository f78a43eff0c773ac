using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The producer side of one exported ArrowArrayStream: private_data is a GCHandle to an instance
/// of this class, which walks the batch enumerator on get_next. No callback lets an exception
/// escape: it is caught, its message kept for get_last_error, and an errno returned.
/// </summary>
internal sealed unsafe class ExportedStream
{
    private static long s_live;
    private readonly Schema _schema;
    private readonly IEnumerator<ManagedBatch> _batches;
    private readonly Action? _released;
    private byte* _lastError;
    private int _failedErrno;
    private bool _done;

    private ExportedStream(Schema schema, IEnumerator<ManagedBatch> batches, Action? released)
    {
        _schema = schema;
        _batches = batches;
        _released = released;
        Interlocked.Increment(ref s_live);
    }

    /// <summary>Exported streams not yet released; for leak checks in tests.</summary>
    internal static long Live => Interlocked.Read(ref s_live);

    internal static void Export(Schema schema, IEnumerable<ManagedBatch> batches, ArrowArrayStream* @out, Action? released)
    {
        // An iterator method runs none of its code here, so nothing can fail before publishing.
        var owner = new ExportedStream(schema, batches.GetEnumerator(), released);
        *@out = new ArrowArrayStream
        {
            get_schema = &GetSchema,
            get_next = &GetNext,
            get_last_error = &GetLastError,
            release = &Release,
            private_data = (void*)GCHandle.ToIntPtr(GCHandle.Alloc(owner)),
        };
    }

    private static ExportedStream Owner(ArrowArrayStream* s) =>
        (ExportedStream)GCHandle.FromIntPtr((nint)s->private_data).Target!;

    private int Fail(Exception e)
    {
        SetError(string.IsNullOrEmpty(e.Message) ? e.GetType().Name : e.Message);
        return ArrowErrno.FromException(e);
    }

    private void SetError(string? message)
    {
        if (_lastError != null) NativeMemory.Free(_lastError);
        _lastError = null;
        if (message is null) return;
        int n = System.Text.Encoding.UTF8.GetByteCount(message);
        _lastError = (byte*)NativeMemory.Alloc((nuint)n + 1);
        fixed (char* c = message) System.Text.Encoding.UTF8.GetBytes(c, message.Length, _lastError, n);
        _lastError[n] = 0;
    }

    private int NextBatch(ArrowArray* @out)
    {
        // After a failure the producer stays failed: the enumerator's state is unknown.
        if (_failedErrno != 0) return _failedErrno;
        *@out = default;  // release == NULL: end of stream, unless a batch is exported below
        if (_done) return 0;
        try
        {
            if (!_batches.MoveNext())
            {
                _done = true;
                return 0;
            }
            ManagedBatch batch = _batches.Current
                ?? throw new InvalidDataException("the batch source yielded a null batch");
            if (!batch.Schema.Equals(_schema))
                throw new InvalidDataException($"a batch's schema ({string.Join(", ", batch.Schema)}) differs from the stream's ({string.Join(", ", _schema)})");
            ManagedArrowExporter.ExportArray(batch, @out, null);
            return 0;
        }
#pragma warning disable CA1031 // the exception is reported through errno and get_last_error
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failedErrno = Fail(e);
            return _failedErrno;
        }
    }

    private void Free()
    {
        SetError(null);
        try
        {
            _batches.Dispose();
        }
#pragma warning disable CA1031 // release cannot report a failing enumerator's cleanup
        catch (Exception)
        {
        }
#pragma warning restore CA1031
        Interlocked.Decrement(ref s_live);
        _released?.Invoke();
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetSchema(ArrowArrayStream* stream, ArrowSchema* @out)
    {
        if (stream == null || stream->release == null || @out == null) return ArrowErrno.EINVAL;
        ExportedStream? owner = null;
        try
        {
            owner = Owner(stream);
            ExportedSchema.ExportStruct(owner._schema, @out);
            return 0;
        }
#pragma warning disable CA1031 // the exception is reported through errno and get_last_error
        catch (Exception e)
#pragma warning restore CA1031
        {
            return owner?.Fail(e) ?? ArrowErrno.EIO;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int GetNext(ArrowArrayStream* stream, ArrowArray* @out)
    {
        if (stream == null || stream->release == null || @out == null) return ArrowErrno.EINVAL;
        try
        {
            return Owner(stream).NextBatch(@out);
        }
#pragma warning disable CA1031 // never let an exception reach the native caller
        catch (Exception)
#pragma warning restore CA1031
        {
            return ArrowErrno.EIO;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* GetLastError(ArrowArrayStream* stream)
    {
        if (stream == null || stream->release == null) return null;
        try
        {
            return Owner(stream)._lastError;
        }
#pragma warning disable CA1031 // never let an exception reach the native caller
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Release(ArrowArrayStream* stream)
    {
        if (stream == null || stream->release == null) return;
        try
        {
            var handle = GCHandle.FromIntPtr((nint)stream->private_data);
            var owner = (ExportedStream?)handle.Target;
            handle.Free();
            owner?.Free();
        }
#pragma warning disable CA1031 // never let an exception reach the native caller
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        stream->private_data = null;
        stream->release = null;
    }
}
