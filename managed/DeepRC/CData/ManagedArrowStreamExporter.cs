using DeepRC.Interop;

namespace DeepRC.CData;

/// <summary>
/// The managed Arrow C Stream Interface producer: exports a sequence of <see cref="ManagedBatch"/>es
/// as an ArrowArrayStream, without going through libdeeprc.
/// </summary>
/// <remarks>
/// The sequence is enumerated lazily, one batch per get_next, so it may be an iterator that
/// produces batches on demand. Each batch is exported as
/// <see cref="ManagedArrowExporter.ExportBatch(ManagedBatch, ArrowSchema*, ArrowArray*, Action?)"/>
/// does (zero-copy for fixed-width arrays) and stays valid after the stream is released, until
/// the consumer releases the batch. An exception thrown by the sequence, or a batch whose schema
/// differs from the stream's, makes get_next return an errno (EINVAL for bad data, ENOMEM, else
/// EIO) and get_last_error return the exception's message; the stream stays failed afterwards.
/// </remarks>
public static unsafe class ManagedArrowStreamExporter
{
    /// <summary>Fills <paramref name="stream"/> with a producer of <paramref name="batches"/>.
    /// <paramref name="released"/>, if given, runs once when the consumer releases the stream
    /// (it may run on any thread and must not throw).</summary>
    public static void Export(Schema schema, IEnumerable<ManagedBatch> batches, ArrowArrayStream* stream, Action? released = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(batches);
        if (stream == null) throw new ArgumentNullException(nameof(stream));
        ExportedStream.Export(schema, batches, stream, released);
    }
}
