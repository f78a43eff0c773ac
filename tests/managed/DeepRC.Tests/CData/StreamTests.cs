using DeepRC.CData;
using DeepRC.Interop;

namespace DeepRC.Tests.CData;

/// <summary>The C Stream Interface both ways: managed producer → native consumer, native
/// producer → managed consumer, and producer failures.</summary>
[Collection(CDataCollection.Name)]
public unsafe class StreamTests
{
    private static readonly int[] BatchSizes = [20, 0, 33, 7];

    [Fact]
    public void ManagedStreamImportsNativelyAsTheConcatenationOfItsBatches()
    {
        var data = BatchSizes.Select((n, i) => new CDataFixtures.AllTypes(n, seed: 10 + i)).ToArray();
        long liveArrays = ExportedArray.Live, liveStreams = ExportedStream.Live;
        int releases = 0;
        ArrowArrayStream stream;
        ManagedArrowStreamExporter.Export(data[0].Batch().Schema, data.Select(d => d.Batch()), &stream,
            () => Interlocked.Increment(ref releases));
        using var imported = ArrowCData.ImportStream(&stream);
        Assert.True(stream.release == null);
        Assert.Equal(1, releases);
        Assert.Equal(liveStreams, ExportedStream.Live);

        var parts = data.Select(d => d.Table()).ToArray();
        try
        {
            using var expected = Table.Concat(parts);
            Assert.Equal(BatchSizes.Sum(), imported.NumRows);
            Assert.True(imported.ContentEquals(expected));
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
        // Concatenation copied the batches, so every batch export has been released already.
        ManagedToNativeTests.ForceGC();
        Assert.Equal(liveArrays, ExportedArray.Live);
    }

    [Fact]
    public void NativeStreamReadsInBatchesOfSevenRows()
    {
        long baseline = CDataFixtures.NativeBytes();
        var data = new CDataFixtures.AllTypes(45, seed: 20);
        using (var t = data.Table())
        {
            ArrowArrayStream stream;
            ArrowCData.ExportStream(t, &stream, maxBatchRows: 7);
            List<ManagedBatch> batches;
            using (var reader = new ManagedArrowStreamReader(&stream))
            {
                Assert.True(stream.release == null);
                Assert.Equal(t.Schema, reader.Schema);
                batches = reader.ReadToEnd();
                Assert.Null(reader.ReadNext());  // stays at the end
            }
            Assert.Equal([7, 7, 7, 7, 7, 7, 3], batches.Select(b => b.Length));
            for (int i = 0; i < batches.Count; i++)
            {
                using var part = t.Slice(i * 7, batches[i].Length);
                CDataFixtures.AssertSame(part, batches[i]);
            }
        }
        Assert.Equal(baseline, CDataFixtures.NativeBytes());
    }

    [Fact]
    public void NativeStreamOfASliceWithOffsets()
    {
        using var t = Table.Generate("observations", 300);
        using var slice = t.Slice(11, 250);
        ArrowArrayStream stream;
        ArrowCData.ExportStream(slice, &stream, maxBatchRows: 64);
        using var reader = new ManagedArrowStreamReader(&stream);
        int row = 0;
        while (reader.ReadNext() is { } b)
        {
            using var part = slice.Slice(row, b.Length);
            CDataFixtures.AssertSame(part, b);
            row += b.Length;
        }
        Assert.Equal(250, row);
        Assert.Equal(4, reader.BatchesRead);
    }

    [Fact]
    public void ManagedStreamRoundTripsThroughTheManagedReader()
    {
        var data = BatchSizes.Select((n, i) => new CDataFixtures.AllTypes(n, seed: 30 + i)).ToArray();
        int releases = 0;
        ArrowArrayStream stream;
        ManagedArrowStreamExporter.Export(data[0].Batch().Schema, data.Select(d => d.Batch()), &stream, () => releases++);
        using (var reader = new ManagedArrowStreamReader(&stream))
        {
            var batches = reader.ReadToEnd();
            Assert.Equal(BatchSizes, batches.Select(b => b.Length));
            for (int i = 0; i < batches.Count; i++)
            {
                using var expected = data[i].Table();
                CDataFixtures.AssertSame(expected, batches[i]);
            }
            Assert.Equal(0, releases);
        }
        Assert.Equal(1, releases);
    }

    [Fact]
    public void ProducerFailingMidStreamSurfacesItsMessageInTheNativeImportAndIsReleasedOnce()
    {
        long liveArrays = ExportedArray.Live;
        int releases = 0;
        ArrowArrayStream stream;
        var first = new CDataFixtures.AllTypes(5, seed: 40).Batch();
        ManagedArrowStreamExporter.Export(first.Schema, FailingBatches(first), &stream, () => Interlocked.Increment(ref releases));
        DeepRcException e = ImportFails(&stream);
        Assert.Contains("sensor feed dropped after 2 batches", e.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.IO, e.Code);  // EIO: the source failed to deliver
        Assert.True(stream.release == null);
        Assert.Equal(1, releases);
        Assert.Equal(liveArrays, ExportedArray.Live);  // the two batches delivered were released too
    }

    [Fact]
    public void ProducerFailureReachesTheManagedReaderWithItsMessage()
    {
        int releases = 0;
        ArrowArrayStream stream;
        var first = new CDataFixtures.AllTypes(5, seed: 41).Batch();
        ManagedArrowStreamExporter.Export(first.Schema, FailingBatches(first), &stream, () => releases++);
        using (var reader = new ManagedArrowStreamReader(&stream))
        {
            Assert.NotNull(reader.ReadNext());
            Assert.NotNull(reader.ReadNext());
            var e = Assert.Throws<DeepRcIOException>(() => reader.ReadNext());
            Assert.Contains("sensor feed dropped after 2 batches", e.Message, StringComparison.Ordinal);
            Assert.Contains("batch 2", e.Message, StringComparison.Ordinal);
            // A failed producer stays failed.
            Assert.Throws<DeepRcIOException>(() => reader.ReadNext());
        }
        Assert.Equal(1, releases);
    }

    [Fact]
    public void ABatchWithAnotherSchemaIsRejectedAsInvalid()
    {
        int releases = 0;
        ArrowArrayStream stream;
        var good = new ManagedBatch(ManagedColumn.FromValues("x", new long[] { 1, 2 }));
        var bad = new ManagedBatch(ManagedColumn.FromValues("x", new double[] { 1, 2 }));
        ManagedArrowStreamExporter.Export(good.Schema, [good, bad], &stream, () => releases++);
        var e = Assert.IsType<DeepRcInvalidException>(ImportFails(&stream));
        Assert.Contains("differs from the stream's", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, releases);
    }

    // A lambda cannot use the address of a local, hence no Assert.Throws here.
    private static DeepRcException ImportFails(ArrowArrayStream* stream)
    {
        try
        {
            ArrowCData.ImportStream(stream).Dispose();
        }
        catch (DeepRcException e)
        {
            return e;
        }
        Assert.Fail("the native stream import should have failed");
        return null!;
    }

    private static IEnumerable<ManagedBatch> FailingBatches(ManagedBatch batch)
    {
        yield return batch;
        yield return batch;
        throw new InvalidOperationException("sensor feed dropped after 2 batches");
    }
}
