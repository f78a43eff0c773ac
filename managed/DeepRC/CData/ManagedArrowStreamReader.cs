using System.Runtime.InteropServices;
using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The managed Arrow C Stream Interface consumer: reads an ArrowArrayStream from any producer
/// into <see cref="ManagedBatch"/>es, without going through libdeeprc.
/// </summary>
/// <remarks>
/// The constructor MOVES the stream into memory the reader owns (the source's release becomes
/// NULL) and reads the schema; if that fails the stream is released before the exception
/// propagates. Each batch is copied into managed arrays and its ArrowArray released at once.
/// <see cref="Dispose()"/> releases the stream exactly once (the finalizer does it otherwise).
/// A producer error becomes a <see cref="DeepRcException"/> carrying get_last_error's message:
/// <see cref="DeepRcInvalidException"/> for EINVAL, <see cref="StatusCode.OutOfMemory"/> for
/// ENOMEM, <see cref="DeepRcIOException"/> otherwise.
/// </remarks>
public sealed unsafe class ManagedArrowStreamReader : IDisposable
{
    // Native memory because the producer's callbacks receive this address and may keep it
    // (e.g. as an owner key); a managed object could move.
    private ArrowArrayStream* _stream;
    private bool _ended;

    /// <summary>Takes ownership of <paramref name="stream"/> and reads its schema.</summary>
    public ManagedArrowStreamReader(ArrowArrayStream* stream)
    {
        if (stream == null) throw new ArgumentNullException(nameof(stream));
        _stream = (ArrowArrayStream*)NativeMemory.Alloc((nuint)sizeof(ArrowArrayStream));
        *_stream = *stream;
        stream->release = null;
        try
        {
            if (_stream->release == null) throw new DeepRcInvalidException("ArrowArrayStream is NULL or already released");
            if (_stream->get_schema == null || _stream->get_next == null)
                throw new DeepRcInvalidException("ArrowArrayStream has NULL get_schema or get_next callbacks");
            ArrowSchema schema = default;
            int rc = _stream->get_schema(_stream, &schema);
            if (rc != 0)
            {
                ArrowStructs.Release(&schema);  // in case a failing producer filled it anyway
                throw ProducerFailed("get_schema", rc);
            }
            Schema = ManagedArrowImporter.ImportSchema(&schema);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>The schema every batch has.</summary>
    public Schema Schema { get; } = null!;

    /// <summary>Batches read so far.</summary>
    public int BatchesRead { get; private set; }

    /// <summary>The next batch, or null at the end of the stream.</summary>
    public ManagedBatch? ReadNext()
    {
        ObjectDisposedException.ThrowIf(_stream == null, this);
        if (_ended) return null;
        ArrowArray array = default;
        int rc = _stream->get_next(_stream, &array);
        if (rc != 0)
        {
            ArrowStructs.Release(&array);
            throw ProducerFailed($"get_next (batch {BatchesRead})", rc);
        }
        if (array.release == null)
        {
            _ended = true;
            return null;
        }
        try
        {
            ManagedBatch batch = ManagedArrowImporter.ImportBatch(Schema, &array);  // releases `array`
            BatchesRead++;
            return batch;
        }
        catch (DeepRcException e)
        {
            throw ArrowErrno.ToException(e is DeepRcInvalidException ? ArrowErrno.EINVAL : ArrowErrno.EIO,
                $"batch {BatchesRead} of the stream: {e.Message}");
        }
    }

    /// <summary>Reads every remaining batch.</summary>
    public List<ManagedBatch> ReadToEnd()
    {
        var batches = new List<ManagedBatch>();
        while (ReadNext() is { } b) batches.Add(b);
        return batches;
    }

    /// <summary>Releases the stream (once) and frees the reader's copy of it.</summary>
    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the stream if <see cref="Dispose()"/> was not called.</summary>
    ~ManagedArrowStreamReader() => Free();

    private void Free()
    {
        if (_stream == null) return;
        if (_stream->release != null)
        {
            _stream->release(_stream);
            _stream->release = null;
        }
        NativeMemory.Free(_stream);
        _stream = null;
    }

    // The message is copied now: it is only valid until the next call on the stream or its release.
    private DeepRcException ProducerFailed(string where, int errno)
    {
        string? message = _stream->get_last_error == null ? null : Native.FromUtf8(_stream->get_last_error(_stream));
        return ArrowErrno.ToException(errno,
            $"Arrow stream producer failed in {where}: {(string.IsNullOrEmpty(message) ? "no error message" : message)} (errno {errno})");
    }
}
