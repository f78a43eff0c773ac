using DeepRC.CData;
using DeepRC.Interop;

namespace DeepRC.Tests.CData;

/// <summary>The managed producer feeding the native consumer (drc_table_import / drc_array_import).</summary>
[Collection(CDataCollection.Name)]
public unsafe class ManagedToNativeTests
{
    [Fact]
    public void EveryTypeWithNullsImportsZeroCopyAndIsReleasedOnceWhenTheLastColumnDies()
    {
        var data = new CDataFixtures.AllTypes(53, seed: 1);
        long liveArrays = ExportedArray.Live, liveSchemas = ExportedSchema.Live;
        int releases = 0;
        ArrowSchema s;
        ArrowArray a;
        long[] int64Values;
        Table imported;
        {
            ManagedBatch batch = data.Batch();
            int64Values = (long[])batch["int64"].RawValues;
            ManagedArrowExporter.ExportBatch(batch, &s, &a, () => Interlocked.Increment(ref releases));
            imported = ArrowCData.ImportTable(&s, &a);
        }
        // Moved: the producer's structs are now the native table's business.
        Assert.True(s.release == null);
        Assert.True(a.release == null);
        Assert.Equal(liveSchemas, ExportedSchema.Live);  // the schema is copied and released at once

        Column int64 = imported.Column("int64");
        Column utf8 = imported.Column("utf8");
        fixed (long* pinned = int64Values)
        fixed (long* seen = int64.Values<long>())
            Assert.True(pinned == seen, "fixed-width columns must be imported without a copy of the pinned array");

        // Nothing but the pins keeps the managed arrays alive (and in place) now.
        int64Values = null!;
        ForceGC();
        Assert.Equal(0, releases);
        using (var expected = data.Table())
            Assert.True(imported.ContentEquals(expected), "imported table differs from the ColumnFactory table");

        imported.Dispose();
        ForceGC();
        Assert.Equal(0, releases);  // columns taken from the table still share the buffers
        using (var expected = data.Table())
        using (var e64 = expected.Column("int64"))
        using (var eUtf8 = expected.Column("utf8"))
        {
            Assert.True(int64.ContentEquals(e64));
            Assert.True(utf8.ContentEquals(eUtf8));
        }
        int64.Dispose();
        Assert.Equal(0, releases);
        utf8.Dispose();
        Assert.Equal(1, releases);
        Assert.Equal(liveArrays, ExportedArray.Live);  // base and every child freed
    }

    [Fact]
    public void SingleColumnRoundTripsThroughDrcArrayImport()
    {
        int releases = 0;
        var column = ManagedColumn.FromStrings("names", ["a", null, "ünïcödé", "", "zz"], large: true);
        ArrowSchema s;
        ArrowArray a;
        ManagedArrowExporter.ExportColumn(column, &s, &a, () => releases++);
        using (Column imported = ArrowCData.ImportColumn(&s, &a))
        {
            Assert.True(s.release == null && a.release == null);
            Assert.Equal(DataType.LargeUtf8, imported.Type);
            for (int i = 0; i < column.Length; i++) Assert.Equal(column.GetValue(i), imported.GetValue(i));
            Assert.Equal(0, releases);
        }
        Assert.Equal(1, releases);
    }

    [Fact]
    public void EmptyAndZeroColumnBatchesImport()
    {
        var data = new CDataFixtures.AllTypes(0, seed: 2);
        ArrowSchema s;
        ArrowArray a;
        ManagedArrowExporter.ExportBatch(data.Batch(), &s, &a);
        using var t = ArrowCData.ImportTable(&s, &a);
        using var expected = data.Table();
        Assert.Equal(0, t.NumRows);
        Assert.True(t.ContentEquals(expected));
    }

    [Fact]
    public void ManagedProducerRoundTripsThroughTheManagedConsumer()
    {
        var data = new CDataFixtures.AllTypes(41, seed: 3);
        long liveArrays = ExportedArray.Live, liveSchemas = ExportedSchema.Live;
        ArrowSchema s;
        ArrowArray a;
        ManagedArrowExporter.ExportBatch(data.Batch(), &s, &a);
        ManagedBatch back = ManagedArrowImporter.ImportBatch(&s, &a);
        Assert.True(s.release == null && a.release == null);
        Assert.Equal(liveArrays, ExportedArray.Live);
        Assert.Equal(liveSchemas, ExportedSchema.Live);
        using var expected = data.Table();
        CDataFixtures.AssertSame(expected, back);
    }

    [Fact]
    public void ManagedColumnAccessorsAreTypeChecked()
    {
        var c = ManagedColumn.FromValues("x", new sbyte[] { 1, -2 });
        Assert.Equal(-2, c.GetValues<sbyte>()[1]);
        Assert.Throws<InvalidOperationException>(() => c.GetValues<byte>().Length);
        Assert.Throws<ArgumentException>(() => ManagedColumn.FromValues("d", new long[] { 1 }, DataType.Date32));
        Assert.Throws<ArgumentException>(() => ManagedColumn.FromValues("n", new long[] { 1 }, validity: [false], nullable: false));
        Assert.Throws<ArgumentException>(() => new ManagedBatch(c, ManagedColumn.FromValues("y", new long[] { 1 })));
    }

    internal static void ForceGC()
    {
        for (int i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
    }
}
