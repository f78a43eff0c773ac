using DeepRC.Interop;

namespace DeepRC.Tensors;

/// <summary>What a column's nulls become in a tensor.</summary>
public enum NullPolicy
{
    /// <summary>Nulls are an error naming the count and the first null row.</summary>
    Error = 0,
    /// <summary>Nulls become a fill value (a filled copy: no longer zero-copy).</summary>
    Fill = 1,
}

/// <summary>
/// A libtorch tensor, handed over from a column through DLPack without a copy: <see cref="DataPointer"/>
/// is the column's own values buffer, which the tensor keeps alive until it is disposed. Needs the
/// bridge plugin <c>libdeeprc_torch.so</c> (built where libtorch is found; see <see cref="IsAvailable"/>).
/// This is a handle for the hand-off (shape, dtype, device, spans), not a tensor library.
/// </summary>
public sealed unsafe class Tensor : IDisposable
{
    private readonly TensorHandle _handle;
    private readonly drc_tensor_info _info;

    private Tensor(drc_tensor* t)
    {
        _handle = new TensorHandle(t);
        drc_tensor_info info;
        Native.Check(NativeMethods.drc_tensor_get_info(t, &info));
        _info = info;
        var shape = new long[info.ndim];
        var strides = new long[info.ndim];
        for (int d = 0; d < info.ndim; d++)
        {
            shape[d] = info.shape[d];
            strides[d] = info.strides[d];
        }
        Shape = shape;
        Strides = strides;
    }

    /// <summary>True when the bridge is usable; <paramref name="detail"/> is libtorch's version, or why not.</summary>
    public static bool IsAvailable(out string detail)
    {
        Native.EnsureLoaded();
        byte* version = null;
        try
        {
            Native.Check(NativeMethods.drc_torch_available(&version));
            detail = Native.TakeString(version);
            return true;
        }
        catch (DeepRcException e)
        {
            detail = e.Message;
            return false;
        }
    }

    /// <summary>A 1-D tensor over the column's values (zero-copy unless nulls are filled).</summary>
    public static Tensor FromColumn(Column column, NullPolicy nulls = NullPolicy.Error, double fill = 0)
    {
        ArgumentNullException.ThrowIfNull(column);
        drc_tensor* t;
        Native.Check(NativeMethods.drc_tensor_from_array(column.Ptr, (int)nulls, fill, &t));
        return new Tensor(t);
    }

    /// <summary>The sliding windows of a column as a strided view [(n - window) / step + 1, window]; no copy.</summary>
    public static Tensor Windows(Column column, long window, long step = 1)
    {
        ArgumentNullException.ThrowIfNull(column);
        drc_tensor* t;
        Native.Check(NativeMethods.drc_tensor_windows(column.Ptr, window, step, &t));
        return new Tensor(t);
    }

    /// <summary>The column's validity as a uint8 tensor (1 = valid): a mask channel.</summary>
    public static Tensor ValidityMask(Column column)
    {
        ArgumentNullException.ThrowIfNull(column);
        drc_tensor* t;
        Native.Check(NativeMethods.drc_tensor_validity(column.Ptr, &t));
        return new Tensor(t);
    }

    /// <summary>A tensor holding a copy of <paramref name="values"/> (through a native column).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> values) where T : unmanaged
    {
        using var column = ColumnFactory.FromValues(values);
        return FromColumn(column);
    }

    /// <summary>Size of every dimension.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>Stride of every dimension, in elements.</summary>
    public IReadOnlyList<long> Strides { get; }

    /// <summary>Element type (UInt8 for masks; Int32 for date32 and Int64 for timestamp columns).</summary>
    public TypeId DType => (TypeId)_info.dtype;

    /// <summary>"cpu" or "cuda:N".</summary>
    public string Device => _info.device_type == 2 ? $"cuda:{_info.device_id}" : "cpu";

    /// <summary>Address of the first element (the column's buffer for zero-copy tensors).</summary>
    public nint DataPointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return (nint)_info.data;
        }
    }

    /// <summary>Number of elements.</summary>
    public long NumElements => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True when the elements are dense in row-major order (spans can view them).</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (int d = Shape.Count - 1; d >= 0; d--)
            {
                if (Shape[d] != 1 && Strides[d] != expected) return false;
                expected *= Shape[d];
            }
            return true;
        }
    }

    /// <summary>Sum of all elements as float64, computed by libtorch.</summary>
    public double Sum()
    {
        double s;
        Native.Check(NativeMethods.drc_tensor_sum(Ptr, &s));
        return s;
    }

    /// <summary>Rows of dimension 0 gathered into a new tensor (a copy), e.g. a batch of windows.</summary>
    public Tensor IndexRows(ReadOnlySpan<long> rows)
    {
        drc_tensor* t;
        fixed (long* r = rows)
            Native.Check(NativeMethods.drc_tensor_index_rows(Ptr, r, rows.Length, &t));
        return new Tensor(t);
    }

    /// <summary>
    /// The elements of a contiguous CPU tensor, without a copy; valid while the tensor is alive.
    /// Throws for strided views (use <see cref="ToArray{T}"/>) and for a mismatched element type.
    /// </summary>
    public ReadOnlySpan<T> AsSpan<T>() where T : unmanaged
    {
        CheckElement<T>();
        if (!IsContiguous) throw new InvalidOperationException("the tensor is a strided view; use ToArray() to copy it");
        return new ReadOnlySpan<T>((void*)DataPointer, checked((int)NumElements));
    }

    /// <summary>A row-major copy of the elements (any strides).</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        CheckElement<T>();
        var result = new T[checked((int)NumElements)];
        var index = new long[Shape.Count];
        T* data = (T*)DataPointer;
        for (long i = 0; i < result.Length; i++)
        {
            long offset = 0;
            for (int d = 0; d < index.Length; d++) offset += index[d] * Strides[d];
            result[i] = data[offset];
            for (int d = index.Length - 1; d >= 0; d--)
            {
                if (++index[d] < Shape[d]) break;
                index[d] = 0;
            }
        }
        return result;
    }

    /// <inheritdoc />
    public override string ToString() =>
        _handle.IsClosed ? "Tensor (disposed)" : $"Tensor [{string.Join(", ", Shape)}] {DType} on {Device}";

    /// <summary>Frees the tensor; a zero-copy tensor then releases the column's memory it kept alive.</summary>
    public void Dispose() => _handle.Dispose();

    private drc_tensor* Ptr
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.Ptr;
        }
    }

    private void CheckElement<T>() where T : unmanaged
    {
        int width = DType switch
        {
            TypeId.Int8 or TypeId.UInt8 or TypeId.Bool => 1,
            TypeId.Int16 => 2,
            TypeId.Int32 or TypeId.Float32 => 4,
            _ => 8,
        };
        if (sizeof(T) != width)
            throw new ArgumentException($"element type {typeof(T).Name} does not match the tensor's {DType}");
    }
}
