using DeepRC.Tensors;

namespace DeepRC.Tests.Tensors;

/// <summary>The C# tensor handle over the libtorch bridge: zero-copy from columns, strided windows,
/// nulls, spans, errors.</summary>
public class TensorTests
{
    [TorchFact]
    public void ColumnBecomesATensorWithoutACopy()
    {
        Assert.True(Tensor.IsAvailable(out string version), version);
        Assert.StartsWith("1.", version, StringComparison.Ordinal);
        float[] values = Enumerable.Range(0, 1000).Select(i => (float)Math.Sin(i)).ToArray();
        using var column = ColumnFactory.FromValues<float>(values);
        using var t = Tensor.FromColumn(column);
        Assert.Equal([1000L], t.Shape);
        Assert.Equal(TypeId.Float32, t.DType);
        Assert.Equal("cpu", t.Device);
        unsafe
        {
            fixed (float* first = column.Values<float>())
                Assert.Equal((nint)first, t.DataPointer);
        }
        Assert.Equal(values.Sum(v => (double)v), t.Sum(), 6);
        Assert.True(t.AsSpan<float>().SequenceEqual(values));
        Assert.Throws<ArgumentException>(() => t.AsSpan<double>().Length);
    }

    [TorchFact]
    public void TheTensorOutlivesTheColumnObject()
    {
        Tensor t;
        using (var column = ColumnFactory.FromValues<long>([5, 6, 7]))
            t = Tensor.FromColumn(column);
        using (t)
        {
            Assert.Equal(18, t.Sum());
            Assert.Equal([5L, 6, 7], t.ToArray<long>());
        }
        Assert.Throws<ObjectDisposedException>(() => t.DataPointer);
    }

    [TorchFact]
    public void WindowsAreAStridedViewAndBatchesAreGathered()
    {
        double[] series = Enumerable.Range(0, 50).Select(i => i * 0.5).ToArray();
        using var column = ColumnFactory.FromValues<double>(series);
        using var w = Tensor.Windows(column, window: 8, step: 2);
        Assert.Equal([22L, 8], w.Shape);     // (50 - 8) / 2 + 1
        Assert.Equal([2L, 1], w.Strides);
        Assert.False(w.IsContiguous);
        Assert.Throws<InvalidOperationException>(() => w.AsSpan<double>().Length);
        double[] all = w.ToArray<double>();
        for (int r = 0; r < 22; r++)
            for (int k = 0; k < 8; k++)
                Assert.Equal(series[r * 2 + k], all[r * 8 + k]);
        using var batch = w.IndexRows([21, 0]);
        Assert.Equal([2L, 8], batch.Shape);
        Assert.True(batch.IsContiguous);
        Assert.Equal(series.Skip(42).Take(8).Concat(series.Take(8)), batch.ToArray<double>());
    }

    [TorchFact]
    public void NullsFollowThePolicyAndUnsupportedTypesAreNamed()
    {
        using var column = ColumnFactory.FromNullable<double>([1.0, null, 3.0]);
        var e = Assert.Throws<DeepRcInvalidException>(() => Tensor.FromColumn(column));
        Assert.Contains("first at row 1", e.Message, StringComparison.Ordinal);
        using (var filled = Tensor.FromColumn(column, NullPolicy.Fill, fill: -1))
            Assert.Equal([1.0, -1, 3], filled.ToArray<double>());
        using (var mask = Tensor.ValidityMask(column))
            Assert.Equal(new byte[] { 1, 0, 1 }, mask.ToArray<byte>());
        using var strings = ColumnFactory.FromStrings(["a"]);
        var u = Assert.Throws<DeepRcUnsupportedException>(() => Tensor.FromColumn(strings));
        Assert.Contains("utf8", u.Message, StringComparison.Ordinal);
        using var copy = Tensor.FromSpan<int>([1, 2, 3]);
        Assert.Equal(6, copy.Sum());
    }
}
