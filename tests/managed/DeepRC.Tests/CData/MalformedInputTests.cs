using System.Runtime.InteropServices;
using DeepRC.CData;
using DeepRC.Interop;

namespace DeepRC.Tests.CData;

/// <summary>Malformed or unsupported input to the managed consumer: a clear exception, and the
/// producer's structs still released exactly once.</summary>
[Collection(CDataCollection.Name)]
public unsafe class MalformedInputTests
{
    private delegate void Corrupt(ArrowSchema* schema, ArrowArray* array);

    /// <summary>Exports a small valid batch, corrupts it, imports it with the managed consumer and
    /// returns the exception; asserts the structs were moved and released once.</summary>
    private static DeepRcException ImportCorrupted(Corrupt corrupt)
    {
        var batch = new ManagedBatch(
            ManagedColumn.FromNullable<long>("reading", [1, null, 3, 4]),
            ManagedColumn.FromStrings("station", ["a", "b", null, "d"]));
        long liveArrays = ExportedArray.Live, liveSchemas = ExportedSchema.Live;
        int releases = 0;
        ArrowSchema s;
        ArrowArray a;
        ManagedArrowExporter.ExportBatch(batch, &s, &a, () => releases++);
        corrupt(&s, &a);
        DeepRcException? error = null;
        try
        {
            ManagedArrowImporter.ImportBatch(&s, &a);
        }
        catch (DeepRcException e)
        {
            error = e;
        }
        Assert.NotNull(error);
        Assert.True(s.release == null && a.release == null, "moved-from structs must be marked released");
        Assert.Equal(1, releases);
        Assert.Equal(liveArrays, ExportedArray.Live);
        Assert.Equal(liveSchemas, ExportedSchema.Live);
        return error;
    }

    [Fact]
    public void WrongNumberOfBuffers()
    {
        var e = ImportCorrupted((_, a) => a->children[1]->n_buffers = 2);
        Assert.IsType<DeepRcInvalidException>(e);
        Assert.Contains("'station'", e.Message, StringComparison.Ordinal);
        Assert.Contains("has 2 buffers but format 'u' needs 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFormatNamesTheFormatAndTheField()
    {
        // The exporter frees its own copy of the format, so swapping the pointer is safe.
        nint format = Marshal.StringToCoTaskMemUTF8("+l");
        try
        {
            var e = ImportCorrupted((s, _) => s->children[0]->format = (byte*)format);
            Assert.IsType<DeepRcUnsupportedException>(e);
            Assert.Contains("'+l'", e.Message, StringComparison.Ordinal);
            Assert.Contains("'reading'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Marshal.FreeCoTaskMem(format);
        }
    }

    [Fact]
    public void NegativeLength()
    {
        var e = ImportCorrupted((_, a) => a->length = -1);
        Assert.IsType<DeepRcInvalidException>(e);
        Assert.Contains("negative length -1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeChildLength()
    {
        var e = ImportCorrupted((_, a) => a->children[0]->length = -5);
        Assert.Contains("'reading'", e.Message, StringComparison.Ordinal);
        Assert.Contains("negative length -5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChildShorterThanTheStruct()
    {
        var e = ImportCorrupted((_, a) => a->children[0]->length = 2);
        Assert.Contains("has 2 rows but 4 are needed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullsWithoutAValidityBuffer()
    {
        var e = ImportCorrupted((_, a) => a->children[0]->buffers[0] = null);
        Assert.Contains("null_count 1 but the validity buffer is NULL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecreasingStringOffsets()
    {
        var e = ImportCorrupted((_, a) => ((int*)a->children[1]->buffers[1])[1] = 7);
        Assert.Contains("'station'", e.Message, StringComparison.Ordinal);
        Assert.Contains("offsets", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NotAStructSchema()
    {
        nint format = Marshal.StringToCoTaskMemUTF8("l");
        try
        {
            var e = ImportCorrupted((s, _) => s->format = (byte*)format);
            Assert.Contains("must be a struct", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Marshal.FreeCoTaskMem(format);
        }
    }

    [Fact]
    public void MismatchedChildCount()
    {
        var e = ImportCorrupted((_, a) => a->n_children = 1);
        Assert.Contains("has 1 children but format '+s' needs 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AlreadyReleasedStructsAreRejected()
    {
        ArrowSchema s = default;
        ArrowArray a = default;
        DeepRcException? error = null;
        try
        {
            ManagedArrowImporter.ImportBatch(&s, &a);
        }
        catch (DeepRcInvalidException e)
        {
            error = e;
        }
        Assert.NotNull(error);
        Assert.Contains("already released", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedFormatFromANativeExportIsReleasedToo()
    {
        long baseline = CDataFixtures.NativeBytes();
        nint format = Marshal.StringToCoTaskMemUTF8("+w:4");
        try
        {
            using (var t = Table.Generate("observations", 50))
            {
                ArrowSchema s;
                ArrowArray a;
                ArrowCData.ExportTable(t, &s, &a);
                s.children[2]->format = (byte*)format;  // native release frees its own copy, not this
                DeepRcUnsupportedException? error = null;
                try
                {
                    ManagedArrowImporter.ImportBatch(&s, &a);
                }
                catch (DeepRcUnsupportedException e)
                {
                    error = e;
                }
                Assert.NotNull(error);
                Assert.Contains("'+w:4'", error.Message, StringComparison.Ordinal);
                Assert.True(s.release == null && a.release == null);
            }
            Assert.Equal(baseline, CDataFixtures.NativeBytes());
        }
        finally
        {
            Marshal.FreeCoTaskMem(format);
        }
    }
}
