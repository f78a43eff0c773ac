using DeepRC.CData;
using DeepRC.Interop;

namespace DeepRC.Tests.CData;

/// <summary>The native producer (drc_table_export / drc_array_export) feeding the managed consumer.</summary>
[Collection(CDataCollection.Name)]
public unsafe class NativeToManagedTests
{
    [Fact]
    public void GeneratedObservationsReadBackValueForValueAndTheNativeReleaseRuns()
    {
        long baseline = CDataFixtures.NativeBytes();
        ArrowSchema s;
        ArrowArray a;
        using (var t = Table.Generate("observations", 500))
        {
            ArrowCData.ExportTable(t, &s, &a);
            ManagedBatch batch = ManagedArrowImporter.ImportBatch(&s, &a);
            Assert.True(s.release == null && a.release == null);
            CDataFixtures.AssertSame(t, batch);
            Assert.Equal(t.Schema, batch.Schema);  // nullability travels too
        }
        Assert.Equal(baseline, CDataFixtures.NativeBytes());
    }

    [Fact]
    public void ExportKeepsBuffersAliveUntilTheManagedConsumerReleases()
    {
        long baseline = CDataFixtures.NativeBytes();
        var data = new CDataFixtures.AllTypes(64, seed: 4);
        ArrowSchema s;
        ArrowArray a;
        using (var t = data.Table())
            ArrowCData.ExportTable(t, &s, &a);
        // The table is gone, but the export shares its buffers: they must still be held.
        Assert.True(CDataFixtures.NativeBytes() > baseline);
        ManagedBatch batch = ManagedArrowImporter.ImportBatch(&s, &a);
        Assert.Equal(baseline, CDataFixtures.NativeBytes());  // the native release ran
        using var expected = data.Table();
        CDataFixtures.AssertSame(expected, batch);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(13, 30)]
    [InlineData(37, 27)]
    [InlineData(64, 0)]
    public void SlicesExportChildOffsetsThatTheConsumerHonours(int offset, int length)
    {
        long baseline = CDataFixtures.NativeBytes();
        var data = new CDataFixtures.AllTypes(64, seed: 5);
        using (var t = data.Table())
        using (var slice = t.Slice(offset, length))
        {
            ArrowSchema s;
            ArrowArray a;
            ArrowCData.ExportTable(slice, &s, &a);
            if (length > 0) Assert.Equal(offset, a.children[0]->offset);  // zero-copy slice: offset passed through
            CDataFixtures.AssertSame(slice, ManagedArrowImporter.ImportBatch(&s, &a));
        }
        Assert.Equal(baseline, CDataFixtures.NativeBytes());
    }

    [Fact]
    public void AnOffsetOnTheParentStructSelectsRowsOfEveryChild()
    {
        var data = new CDataFixtures.AllTypes(50, seed: 6);
        using var t = data.Table();
        using var slice = t.Slice(10, 40);
        ArrowSchema s;
        ArrowArray a;
        ArrowCData.ExportTable(slice, &s, &a);
        // Children start at row 10 of their buffers; the parent then skips 7 more rows and keeps
        // 25. Both offsets add up (the release does not depend on these fields).
        a.offset = 7;
        a.length = 25;
        ManagedBatch batch = ManagedArrowImporter.ImportBatch(&s, &a);
        using var expected = t.Slice(17, 25);
        CDataFixtures.AssertSame(expected, batch);
    }

    [Fact]
    public void NullCountMinusOneIsCountedFromTheBitmap()
    {
        var data = new CDataFixtures.AllTypes(30, seed: 7);
        using var t = data.Table();
        ArrowSchema s;
        ArrowArray a;
        ArrowCData.ExportTable(t, &s, &a);
        for (int i = 0; i < a.n_children; i++) a.children[i]->null_count = -1;
        ManagedBatch batch = ManagedArrowImporter.ImportBatch(&s, &a);
        CDataFixtures.AssertSame(t, batch);
        Assert.True(batch.Columns.All(c => c.NullCount > 0));
    }

    [Fact]
    public void SingleSlicedColumnImports()
    {
        long baseline = CDataFixtures.NativeBytes();
        using (var t = Table.Generate("observations", 200))
        using (var col = t.Column(1))
        using (var slice = col.Slice(50, 100))
        {
            ArrowSchema s;
            ArrowArray a;
            ArrowCData.ExportColumn(slice, &s, &a);
            ManagedColumn mc = ManagedArrowImporter.ImportColumn(&s, &a);
            Assert.True(s.release == null && a.release == null);
            Assert.Equal(slice.Type, mc.Type);
            Assert.Equal(100, mc.Length);
            for (int i = 0; i < 100; i++) Assert.Equal(slice.GetValue(i), mc.GetValue(i));
        }
        Assert.Equal(baseline, CDataFixtures.NativeBytes());
    }
}
